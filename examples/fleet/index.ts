// Entry point for the Pulumi CLI (`pulumi up` in this directory): the stack outputs are the
// program's return value. The program itself lives in program.ts so tests can run it inline.
import { program } from "./program";

export = program();
