  let Hello = () => {
    const handleClick = () => {};
    return <h1 onClick={handleClick}>Hi</h1>;
  }
  const Bar = () => {
    return <Hello />;
  };
  var Baz = () => <div />;
  var sum = () => {};
