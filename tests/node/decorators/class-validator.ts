import "reflect-metadata";
import { IsString, Length, IsInt, Min, Max, IsEmail, ValidateNested, IsOptional, validateSync } from "class-validator";

class Address {
  @IsString() @Length(2, 20) city: string;
  constructor(city: string) { this.city = city; }
}
export class User {
  @IsString() @Length(3, 10) name: string;
  @IsInt() @Min(0) @Max(150) age: number;
  @IsEmail() email: string;
  @IsOptional() @ValidateNested() address?: Address;
  constructor(name: string, age: number, email: string, address?: Address) {
    this.name = name; this.age = age; this.email = email; this.address = address;
  }
}
for (const u of [new User("bob", 30, "bob@example.com"), new User("x", -1, "nope", new Address("a"))]) {
  const errors = validateSync(u);
  console.log(errors.length, errors.map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).join("|")}${e.children?.length ? ">" + e.children.map((c) => c.property + ":" + Object.keys(c.constraints ?? {}).join("|")).join(",") : ""}`).join(" "));
}
function Injectable(): ClassDecorator { return () => {}; }
class Repo {}
@Injectable()
class Service { constructor(private repo: Repo, private name: string) {} }
console.log(Reflect.getMetadata("design:paramtypes", Service).map((t: any) => t.name).join(","));
