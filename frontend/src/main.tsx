import { render } from "solid-js/web";
import { App } from "./App.tsx";
import { locale } from "./i18n/index.ts";
// Styles by concern; later files refine the shared parts of earlier ones.
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/controls.css";
import "./styles/book.css";
import "./styles/bookings.css";
import "./styles/admin.css";
import "./styles/status.css";

document.documentElement.lang = locale();
const root = document.getElementById("root");
if (root) render(() => <App />, root);
