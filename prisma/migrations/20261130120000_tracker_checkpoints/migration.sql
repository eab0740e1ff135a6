-- The tracker's per-partition checkpoint: the LOCATIONS stream sequence applied and the state it
-- produced (open work only). A new owner of a partition starts from applied_seq + 1.
CREATE TABLE "tracker_checkpoints" (
    "partition" INTEGER NOT NULL,
    "applied_seq" BIGINT NOT NULL,
    "state" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "tracker_checkpoints_pkey" PRIMARY KEY ("partition")
);
