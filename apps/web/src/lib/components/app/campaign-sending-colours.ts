/** One colour per recipient status, shared by the sending bar and the count cards under it. */
export const sendingColours = {
  signed: 'bg-success',
  delivered: 'bg-success/45',
  sent: 'bg-primary',
  bounced: 'bg-destructive',
  queued: 'bg-muted',
} as const;
