import * as React from "react";
import { useId, useTransition, useOptimistic, useActionState } from "react";
import { useStore } from "./store";

type Config = { a: number } | undefined;

export function Panel({ items }: { items: string[] }) {
  const config: Config = React.useMemo(() => ({ a: 1 }), []);
  const [open, setOpen]: [boolean, (v: boolean) => void] = React.useState<boolean>(false);
  const id = useId();
  const [pending, start] = useTransition();
  const [optimistic, add] = useOptimistic(items, (s: string[], x: string) => [...s, x]);
  const [state, act] = useActionState(async (s: number) => s + 1, 0);
  const snapshot = React.useSyncExternalStore(() => () => {}, () => 1);
  const store = useStore();
  return <div id={id}>{String(open)}{items.length}</div>;
}
