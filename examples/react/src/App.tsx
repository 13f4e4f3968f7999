import { Counter } from "./Counter";

export const TITLE = "hmrc + React";

export function App() {
  return (
    <main>
      <h1>{TITLE}</h1>
      <p>Click the button, then edit src/Counter.tsx: the count stays.</p>
      <Counter step={1} />
    </main>
  );
}
