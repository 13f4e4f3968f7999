import { observable, computed, action, autorun, makeObservable } from "mobx";

class Counter {
  @observable count = 0;
  @observable step = 1;
  constructor() { makeObservable(this); }
  @computed get double() { return this.count * 2; }
  @action inc() { this.count += this.step; }
}
const c = new Counter();
autorun(() => console.log(`count=${c.count} double=${c.double}`));
c.inc(); c.step = 5; c.inc();
