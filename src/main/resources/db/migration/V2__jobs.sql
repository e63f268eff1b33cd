-- Background jobs: inserted in the transaction that makes them necessary, run by any server.
-- A job is claimed by setting a lease (locked_until) and counting the attempt; it is deleted when
-- it succeeds and kept as 'failed' when the queue gives it up. A lease that expires without an
-- outcome (the worker's process died) makes the job claimable again.
CREATE TABLE jobs (
  id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text        NOT NULL,
  payload      text        NOT NULL,
  state        text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
  run_at       timestamptz NOT NULL,
  locked_until timestamptz,
  attempts     integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error   text,
  created_at   timestamptz NOT NULL DEFAULT now()
);
-- Workers look for the oldest due pending job; failed jobs stay out of the index.
CREATE INDEX jobs_due ON jobs (run_at, id) WHERE state = 'pending';
