-- Each time a claim is taken (first, or over from a holder gone quiet) its epoch grows; every later update names the
-- epoch it was taken with, so a holder that lost the claim — another process, or an older attempt in the same
-- process — changes nothing and posts nothing more.
ALTER TABLE discord_delivery ADD COLUMN claim_epoch BIGINT NOT NULL DEFAULT 0;
