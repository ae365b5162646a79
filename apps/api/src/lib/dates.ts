/** The date where the schools are (YYYY-MM-DD, Europe/London): reminders and chases count days here. */
export const londonDay = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d);
