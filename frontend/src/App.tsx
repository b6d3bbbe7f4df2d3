import {
  A,
  Navigate,
  Route,
  Router,
  type RouteSectionProps,
  useLocation,
  useNavigate,
} from "@solidjs/router";
import {
  type Component,
  createEffect,
  createResource,
  createRoot,
  createSignal,
  For,
  lazy,
  onCleanup,
  onMount,
  Show,
  Suspense,
} from "solid-js";
import { onSessionExpired, onUnauthorized } from "./api/client.ts";
import { SessionDialog } from "./components/SessionDialog.tsx";
import { Toasts } from "./components/toast.tsx";
import { ErrorBox, Loading } from "./components/ui.tsx";
import type { MessageKey } from "./i18n/de.ts";
import { loadCatalogue, locale, t } from "./i18n/index.ts";
import { claimDailyLoginReward } from "./pages/progress/loginReward.ts";
import { Identity } from "./pages/progress/ShopIdentity.tsx";
import { chooseLanguage, loadSession, logout, sessionEnded, user } from "./session.ts";

function LanguageSwitch() {
  const options = [
    ["de", "DE", "lang.de"],
    ["en", "EN", "lang.en"],
  ] as const;
  return (
    <fieldset class="lang-switch">
      <legend class="sr-only">{t("lang.label")}</legend>
      <For each={options}>
        {([code, short, name]) => (
          <button
            type="button"
            lang={code}
            title={t(name)}
            aria-pressed={locale() === code}
            onClick={() => void chooseLanguage(code).catch(() => undefined)}
          >
            {/* The name starts with the visible text (no aria-label that hides "DE"). */}
            {short}
            <span class="sr-only">{` – ${t(name)}`}</span>
          </button>
        )}
      </For>
    </fieldset>
  );
}

/** Each page's own document title, by path (the first segment decides). */
const pageTitles: Record<string, MessageKey> = {
  "": "title.book",
  termine: "title.mine",
  fortschritt: "title.progress",
  tv: "title.tv",
  login: "title.login",
  status: "title.status",
  verwaltung: "title.admin",
  auswertung: "title.analytics",
};

function Layout(props: RouteSectionProps) {
  const navigate = useNavigate();
  const here = useLocation();
  // A session that ends mid-work is renewed over the page (the work stays); the
  // login page only when the user declines. Requests failing together share one dialog.
  const [renewal, setRenewal] = createSignal<{ username: string; done: (signedIn: boolean) => void }>();
  let pending: Promise<boolean> | undefined;
  onMount(() => {
    const stop = onUnauthorized(() => {
      const hadSession = Boolean(user());
      sessionEnded();
      // Without a session to lose (a first visit) the sign-in guard shows the login page; "expired" would be untrue.
      if (hadSession) navigate(`/login?expired=1&next=${encodeURIComponent(location.pathname)}`);
    });
    onSessionExpired(() => {
      const username = user()?.username;
      if (!username) return Promise.resolve(false);
      pending ??= new Promise<boolean>((resolve) => {
        let answered = false;
        setRenewal({
          username,
          done: (signedIn) => {
            if (answered) return; // the dialog's close event follows the sign-in
            answered = true;
            pending = undefined;
            setRenewal(undefined);
            resolve(signedIn);
          },
        });
      });
      return pending;
    });
    onCleanup(() => {
      stop();
      onSessionExpired(undefined);
    });
  });
  const isAdmin = () => user()?.role === "admin";
  // The daily login reward: asked for after sign-in (and on the first visit of a day).
  createEffect(() => {
    const name = user()?.username;
    if (name) void claimDailyLoginReward(name);
  });
  // On narrow screens the navigation folds behind a menu button; it closes when a page is chosen.
  const [menuOpen, setMenuOpen] = createSignal(false);
  createEffect(() => {
    const section = here.pathname.split("/")[1] ?? "";
    const key = pageTitles[section];
    document.title = key ? `${t(key)} – ${t("app.name")}` : t("app.name");
    setMenuOpen(false);
  });
  let main: HTMLElement | undefined;
  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: a real link (works without script); the router would take "#main" as a navigation and not move focus, so the click moves it */}
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main?.focus();
          main?.scrollIntoView();
        }}
      >
        {t("app.skip")}
      </a>
      <header class="topbar">
        <A href="/" class="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          {t("app.name")}
        </A>
        <Show when={user()}>
          <button
            type="button"
            class="menu-toggle"
            aria-expanded={menuOpen()}
            aria-controls="main-nav"
            onClick={() => setMenuOpen(!menuOpen())}
          >
            <span aria-hidden="true" class="menu-icon" />
            {t("app.menu")}
          </button>
          <nav aria-label={t("nav.main")} class="nav" id="main-nav" classList={{ open: menuOpen() }}>
            <A href="/" end>
              {t("nav.book")}
            </A>
            <A href="/termine">{t("nav.myBookings")}</A>
            <A href="/fortschritt">{t("nav.progress")}</A>
            <A href="/auswertung">{t("nav.analytics")}</A>
            <Show when={isAdmin()}>
              <A href="/verwaltung">{t("nav.admin")}</A>
            </Show>
            <A href="/status">{t("nav.status")}</A>
          </nav>
        </Show>
        <div class="user-menu">
          <LanguageSwitch />
          <Show when={user() === null && here.pathname !== "/login"}>
            <A href="/login" class="button primary small">
              {t("login.submit")}
            </A>
          </Show>
          <Show when={user()}>
            {(current) => (
              <>
                <Identity
                  name={current().displayName}
                  role={t(current().role === "admin" ? "user.role.admin" : "user.role.agent")}
                />
                <button
                  type="button"
                  class="button secondary small"
                  onClick={async () => {
                    try {
                      await logout();
                    } finally {
                      navigate("/login");
                    }
                  }}
                >
                  {t("user.logout")}
                </button>
              </>
            )}
          </Show>
        </div>
      </header>
      <main id="main" tabindex="-1" ref={main}>
        <Suspense fallback={<Loading />}>{props.children}</Suspense>
      </main>
      <Toasts />
      <Show when={renewal()}>
        {(open) => {
          // Read once: the dialog's own close event may arrive after this branch has gone.
          const { username, done } = open();
          return <SessionDialog username={username} onDone={done} />;
        }}
      </Show>
    </>
  );
}

/** The layout route of the pages behind the login: checks the session once for all of them. */
function RequireSession(props: RouteSectionProps) {
  const where = useLocation();
  return (
    <Show
      when={user()}
      fallback={
        <Show
          when={!sessionCheck.error}
          fallback={<ErrorBox error={sessionCheck.error} retry={() => void retrySessionCheck()} />}
        >
          <Navigate href={`/login?next=${encodeURIComponent(where.pathname + where.search)}`} />
        </Show>
      }
    >
      {props.children}
    </Show>
  );
}

/** Nested in `RequireSession`: the admin pages; others go to the start page. */
function RequireAdmin(props: RouteSectionProps) {
  return (
    <Show when={user()?.role === "admin"} fallback={<Navigate href="/" />}>
      {props.children}
    </Show>
  );
}

/**
 * A lazily loaded page: each page's code (and its heavy libraries) loads when it is first opened,
 * together with the API's message catalogue (its forms translate zod issues and stored ids).
 */
function page<K extends string, M extends Record<K, Component<RouteSectionProps>>>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(() => Promise.all([load(), loadCatalogue()]).then(([module]) => ({ default: module[name] })));
}

// The two pages a visit starts on load only their own code: they must be usable fast (initial JS ≤ 60 KB gzip).
const LoginPage = lazy(() => import("./pages/Login.tsx").then((module) => ({ default: module.LoginPage })));
const BookPage = lazy(() => import("./pages/Book.tsx").then((module) => ({ default: module.BookPage })));
// The start page after sign-in: its code loads beside the session check and the texts, not after them.
if (location.pathname === "/") BookPage.preload().catch(() => undefined);
const StatusPage = page(() => import("./pages/Status.tsx"), "StatusPage");
const MyBookingsPage = page(() => import("./pages/MyBookings.tsx"), "MyBookingsPage");

const ProgressLayout = page(() => import("./pages/progress/ProgressLayout.tsx"), "ProgressLayout");
const OverviewTab = page(() => import("./pages/progress/OverviewTab.tsx"), "OverviewTab");
const QuestsTab = page(() => import("./pages/progress/QuestsTab.tsx"), "QuestsTab");
const LeaderboardTab = page(() => import("./pages/progress/LeaderboardTab.tsx"), "LeaderboardTab");
const BadgesPage = page(() => import("./pages/progress/BadgesPage.tsx"), "BadgesPage");
const ShopPage = page(() => import("./pages/progress/ShopPage.tsx"), "ShopPage");
const GoalsTab = page(() => import("./pages/progress/GoalsTab.tsx"), "GoalsTab");
const PrestigePage = page(() => import("./pages/progress/PrestigePage.tsx"), "PrestigePage");
const TvPage = page(() => import("./pages/progress/TvPage.tsx"), "TvPage");
const AnalyticsLayout = page(() => import("./pages/analytics/Layout.tsx"), "AnalyticsLayout");
const AnalyticsPersonal = page(() => import("./pages/analytics/Personal.tsx"), "PersonalPage");
const AnalyticsTeam = page(() => import("./pages/analytics/Team.tsx"), "TeamPage");
const AnalyticsKpis = page(() => import("./pages/analytics/Kpis.tsx"), "KpisPage");
const AnalyticsInsights = page(() => import("./pages/analytics/Insights.tsx"), "InsightsPage");
const TelefonieWeekPage = page(() => import("./pages/progress/TelefonieWeek.tsx"), "TelefonieWeekPage");
const ReportsPage = page(() => import("./pages/analytics/ReportsPage.tsx"), "ReportsPage");
const CustomersTab = page(() => import("./pages/analytics/CustomersTab.tsx"), "CustomersTab");
const PredictionsTab = page(() => import("./pages/analytics/PredictionsTab.tsx"), "PredictionsTab");
const ExportsPage = page(() => import("./pages/analytics/ExportsPage.tsx"), "ExportsPage");
const AdminPage = page(() => import("./pages/admin/AdminPage.tsx"), "AdminPage");

/** The first `me` call; its failure (not a 401) is shown where a page needs the session. */
const [sessionCheck, { refetch: retrySessionCheck }] = createRoot(() => createResource(loadSession));

export function App() {
  return (
    <Show when={!sessionCheck.loading || user() !== undefined} fallback={<Loading />}>
      <Router root={Layout}>
        <Route path="/login" component={LoginPage} />
        <Route path="/status" component={StatusPage} />
        <Route component={RequireSession}>
          <Route path="/" component={BookPage} />
          <Route path="/termine" component={MyBookingsPage} />
          <Route path="/fortschritt" component={ProgressLayout}>
            <Route path="/" component={OverviewTab} />
            <Route path="/quests" component={QuestsTab} />
            <Route path="/rangliste" component={LeaderboardTab} />
            <Route path="/abzeichen" component={BadgesPage} />
            <Route path="/shop" component={ShopPage} />
            <Route path="/ziele" component={GoalsTab} />
            <Route path="/prestige" component={PrestigePage} />
            <Route path="/telefonie" component={TelefonieWeekPage} />
          </Route>
          <Route path="/tv" component={TvPage} />
          <Route path="/auswertung" component={AnalyticsLayout}>
            <Route path="/" component={AnalyticsPersonal} />
            <Route path="/team" component={AnalyticsTeam} />
            <Route path="/kennzahlen" component={AnalyticsKpis} />
            <Route path="/hinweise" component={AnalyticsInsights} />
            <Route path="/berichte" component={ReportsPage} />
            <Route path="/kunden" component={CustomersTab} />
            <Route path="/prognosen" component={PredictionsTab} />
            <Route path="/exporte" component={ExportsPage} />
          </Route>
          <Route component={RequireAdmin}>
            <Route path="/verwaltung/:tab?" component={AdminPage} />
          </Route>
        </Route>
        <Route path="*" component={() => <Navigate href="/" />} />
      </Router>
    </Show>
  );
}
