import { useState } from "react";

type Props = { step: number };

export function Counter({ step }: Props) {
  const [count, setCount] = useState(0);
  return (
    <section>
      <p className="count" id="count">{count}</p>
      <button id="more" onClick={() => setCount(count + step)}>+{step}</button>
    </section>
  );
}
