import { observable, computed, action, autorun, makeObservable } from "mobx";

class Todo {
  @observable accessor title = "";
  @observable accessor done = false;
  constructor(title: string) { this.title = title; }
  @action toggle() { this.done = !this.done; }
}

class Store {
  @observable accessor todos: Todo[] = [];
  @computed get remaining() { return this.todos.filter((t) => !t.done).length; }
  @action add(title: string) { this.todos = [...this.todos, new Todo(title)]; }
}

const store = new Store();
autorun(() => console.log(`remaining: ${store.remaining} of ${store.todos.length}`));
store.add("a");
store.add("b");
store.todos[0].toggle();
store.todos[1].toggle();
store.todos[1].toggle();
console.log(JSON.stringify(store.todos.map((t) => [t.title, t.done])));
