function Foo() {
  return <h1>Hi</h1>;
}

export default hoc(Foo);
export const A = hoc(Foo);
const B = hoc(Foo);
