/** The demo consultants whose calendars the emulator seeds. */
export const demoConsultants = [
  { name: "Anna Berger", calendarId: "anna.berger@demo.local" },
  { name: "Jonas Keller", calendarId: "jonas.keller@demo.local" },
  { name: "Lena Wolf", calendarId: "lena.wolf@demo.local" },
  { name: "Murat Yilmaz", calendarId: "murat.yilmaz@demo.local" },
] as const;
