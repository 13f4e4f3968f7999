export class Counter {
  #value: number;

  constructor(start: number) {
    this.#value = start;
  }

  increment(by = 1): void {
    this.#value += by;
  }

  get value(): number {
    return this.#value;
  }
}
