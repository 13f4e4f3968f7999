export function Hello() {
  function handleClick() {}
  return <h1 onClick={handleClick}>Hi</h1>;
}

export default function Bar() {
  return <Hello />;
}

function Baz() {
  return <h1>OK</h1>;
}

const NotAComp = 'hi';
export { Baz, NotAComp };

export function sum() {}
export const Bad = 42;
