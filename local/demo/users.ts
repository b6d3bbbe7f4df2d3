import type { BootstrapUser } from "../../shared/auth/bootstrap.ts";

/** Demo sign-ins, printed by `npm start`. Only seeded when DEMO_DATA is on. */
export const demoUsers: BootstrapUser[] = [
  { username: "admin", password: "admin-demo-2026", role: "admin", displayName: "Sabine Hartmann" },
  { username: "anna", password: "agent-demo-2026", role: "agent", displayName: "Anna Schneider" },
  { username: "max", password: "agent-demo-2026", role: "agent", displayName: "Max Köhler" },
  { username: "sophie", password: "agent-demo-2026", role: "agent", displayName: "Sophie Weber" },
];
