      export default React.memo(forwardRef(function (props, ref) {
        return <h1>Foo</h1>;
      }));
