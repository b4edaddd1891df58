// Entry point when this program is run by the CLI's Node language host (`pulumi up` in the repo root).
import { demoProgram } from "./program";

export = demoProgram();
