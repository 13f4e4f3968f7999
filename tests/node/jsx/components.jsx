// Components exercising every JSX rule; jsx.test.mjs renders them through
// hmrc's and esbuild's output against one fake runtime and compares.
const Item = ({ label }) => label;
const ns = { Deep: { Inner: "deep-inner" } };

export function render(props) {
  const items = ["a", "b", "c"];
  const rest = { title: "t", key: "spread-key" };
  return (
    <div className="app" data-x="1" xlink:href="#a" hidden {...props}>
      <h1>  Hello,
          world &amp; friends&nbsp;&#169; &#x1F600; &bogus; </h1>
      {items.map((x, i) => <Item key={x + i} label={x} />)}
      <ns.Deep.Inner a={1} b={(1, 2)} />
      <>
        fragment {"text"}{/* only a comment */}
        <span key="k" {...rest} />
        <span {...rest} key="after-spread">child</span>
      </>
      {...items}
      <custom-element some-attr='say "hi"' other="a\b
   c" />
      {""}
      <p title="Q&A">Terms & Conditions, a&&b, &#123456;</p>
      {props.count > 0 && <b>{props.count}</b>}
	  tabbed	text	
    </div>
  );
}
