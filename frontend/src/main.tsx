import { render } from "solid-js/web";
import { App } from "./App.tsx";
import { locale } from "./i18n/index.ts";
import "./styles.css";

document.documentElement.lang = locale();
const root = document.getElementById("root");
if (root) render(() => <App />, root);
