/*
 * Pages reached from an emailed link ship no JavaScript at all: they are plain server-rendered
 * HTML and forms, quick on a poor phone connection. Set on the layout (not only the page) so the
 * error page for an unknown or expired link is JavaScript-free too.
 */
export const csr = false;
