-- A published scorecard version is frozen: reviews pin it and their scores must stay reproducible.
CREATE FUNCTION scorecard_versions_reject_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'scorecard versions are immutable; publish a new version instead';
END;
$$;--> statement-breakpoint
CREATE TRIGGER scorecard_versions_immutable BEFORE UPDATE ON scorecard_versions
  FOR EACH ROW EXECUTE FUNCTION scorecard_versions_reject_update();
