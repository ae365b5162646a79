import pg from 'pg';

/**
 * A fresh, empty database on a real Postgres server (TEST_DATABASE_URL), dropped again by
 * `drop()`. Tests that need real concurrent connections run there; each gets its own database so
 * runs never see each other's rows.
 */
export async function createScratchDatabase(serverUrl: string, prefix = 'attest_test') {
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
