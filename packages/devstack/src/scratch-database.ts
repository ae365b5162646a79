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

/**
 * A LOGIN role of its own for one test run on that server (roles belong to the server, not to a
 * database), connecting to `databaseUrl`: owns nothing, has no attributes, and is granted what the
 * test grants it. `drop()` removes it; call it after the scratch database is dropped.
 */
export async function createScratchLogin(serverUrl: string, databaseUrl: string, prefix = 'attest_login') {
  const role = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const password = crypto.randomUUID();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create role ${role} login password '${password}'`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = password;
  return {
    role,
    url: url.toString(),
    /** A session of its own as this login (end it when done). */
    connect: async () => {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      return c;
    },
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`drop role if exists ${role}`);
      } finally {
        await c.end();
      }
    },
  };
}

export type ScratchLogin = Awaited<ReturnType<typeof createScratchLogin>>;
