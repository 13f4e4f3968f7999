import { useState } from "react";
export function useCounter(initial) {
  const [n, setN] = useState(initial);
  const inc = useCallback(() => setN(n + 1), [n]);
  return { n, inc };
}
export const useToggle = (on = false) => useState(on);
class Legacy extends React.Component {
  render() { return <div>{this.props.x}</div>; }
}
export default Legacy;
const lazyThing = () => import("./Page");
export const Page = React.lazy(lazyThing);
function App() {
  const { n, inc } = useCounter(3);
  const [on, toggle] = useToggle();
  const ref = React.useRef(null);
  const ctx = useContext(Ctx);
  const [s, d] = React.useReducer((s) => s, 0);
  return <Page n={n} />;
}
export { App };
