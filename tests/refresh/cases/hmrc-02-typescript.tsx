import { memo, forwardRef, useState, useReducer, type Ref } from "react";
import * as Hooks from "./hooks";

type Props = { label: string };

export const Button: React.FC<Props> = ({ label }: Props) => {
  const [count, setCount] = useState<number>(0);
  const [state, dispatch] = useReducer(reducer, { n: 1 } as State, init);
  Hooks.useTheme();
  return <button onClick={() => setCount(count + 1)}>{label as string}</button>;
};

export default memo(forwardRef<HTMLInputElement, Props>(function Field(props: Props, ref: Ref<HTMLInputElement>) {
  const value = useFieldValue<string>(props.label);
  return <input ref={ref} value={value!} />;
}));

interface State { n: number }
function reducer(s: State, a: unknown): State { return s; }
function init(s: State) { return s; }
function useFieldValue<T>(x: T): T { return x; }
