function Hello() {
  function handleClick() {}
  return <h1 onClick={handleClick}>Hi</h1>;
}

function Bar() {
  return <Hello />;
}
