// @refresh reset
import { useState } from "react";
export function Counter() {
  const [n, setN] = useState(() => 1);
  return <button onClick={() => setN(n + 1)}>{n}</button>;
}
