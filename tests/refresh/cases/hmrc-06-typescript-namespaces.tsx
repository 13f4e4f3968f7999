import { useState } from "react";
namespace Forms {
  export namespace Fields {
    export const Text = () => {
      const [value, setValue] = useState("");
      return <input value={value} onChange={(e) => setValue(e.target.value)} />;
    };
    function Hidden() { return null; }
  }
  export function Form() {
    const [sent, setSent] = useState(false);
    return <form>{sent ? "sent" : <Fields.Text />}</form>;
  }
  export const Styled = memo(() => <div />);
  namespace Private {
    export function Secret() { return <b />; }
  }
}
export namespace Shop {
  export function Cart() { return <ul />; }
}
namespace Dotted.Name {
  export function Inside() { return <i />; }
}
export function App() { return <Forms.Form />; }
