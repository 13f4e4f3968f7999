      export default React.memo(forwardRef(function Named(props, ref) {
        return <h1>Foo</h1>;
      }));
