// Corners: JSX in attribute values, comments among attributes, multi-line
// tags, template literals, Unicode whitespace at line edges, keys with nested JSX.
const A = { B: function B() {} };
const Label = () => null;

export function render(props) {
  const list = [1, 2];
  return (
    <A.B
      // a line comment among attributes
      icon={<Label text="icon" />}
      /* a block comment */
      tip={props.id ? <b>yes</b> : <i>no</i>}
      multi="one
        two &amp; three"
      tpl={`x${1}`}
    >
      {`template ${props.id}`}
       unicode   
      {list.map((n) => (
        <li key={`k${n}`} data-n={n}>
          {n}
          {" "}
          <>{n * 2}</>
        </li>
      ))}
      <br
      />
      {props.id}{props.id}
    </A.B>
  );
}
