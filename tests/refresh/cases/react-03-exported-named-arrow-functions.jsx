export const Hello = () => {
  function handleClick() {}
  return <h1 onClick={handleClick}>Hi</h1>;
};

export let Bar = (props) => <Hello />;

export default () => {
  // This one should be ignored.
  // You should name your components.
  return <Hello />;
};
