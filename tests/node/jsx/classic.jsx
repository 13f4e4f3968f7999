/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Frag */
import { h, Frag } from "./fake-classic.mjs";

export function render(props) {
  return (
    <Frag>
      <p id="x" key="k" {...props}>one {props.n} two</p>
      <>inner</>
      <br />
    </Frag>
  );
}
