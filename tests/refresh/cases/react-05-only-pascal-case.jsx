  function hello() {
    return 2 * 2;
  }
