import { App } from "aws-cdk-lib";
import { buildApp } from "../stacks/app.ts";

// `cdk synth` / `cdk deploy` run this file (cdk.json: "node bin/app.ts"); `-c stage=prod` selects the stage.
buildApp(new App());
