import { render } from "solid-js/web";
import { App } from "./App.tsx";
import { loadTexts, locale } from "./i18n/index.ts";
// Styles by concern; later files refine the shared parts of earlier ones.
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/controls.css";
import "./styles/book.css";
import "./styles/bookings.css";
import "./styles/admin.css";
import "./styles/status.css";

document.documentElement.lang = locale();
// The texts of the current language first (their own small chunk), then the page. (No top-level
// await: it would make the bundler split the entry into many small chunks to keep evaluation order.)
void loadTexts(locale()).then(() => {
  const root = document.getElementById("root");
  if (root) render(() => <App />, root);
});
