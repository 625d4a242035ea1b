from django.db import migrations, models

from networks.vendor_sql import for_vendor

# Each enquiry's strongest impact claim, stored: "what works here", the library's strength filter,
# the dashboard's evidence spread and the API read it from the enquiry's row instead of asking the
# claims once per enquiry (7,239 index probes for one "what works here" in bench/bench_flows.py).
# Triggers on the claims keep it current on both engines, whatever writes them (the services,
# bulk_create, COPY). One statement per trigger, as SQLite takes them.
POSTGRES = """
CREATE OR REPLACE FUNCTION enquiry_strongest_claim_refresh(enquiry bigint) RETURNS void LANGUAGE sql AS $$
    UPDATE enquiry_enquiry SET strongest_claim =
        (SELECT max(strength) FROM enquiry_impactclaim WHERE enquiry_id = enquiry)
    WHERE id = enquiry
$$;
CREATE OR REPLACE FUNCTION enquiry_strongest_claim_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM enquiry_strongest_claim_refresh(OLD.enquiry_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM enquiry_strongest_claim_refresh(NEW.enquiry_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER enquiry_strongest_claim
    AFTER INSERT OR DELETE OR UPDATE OF strength, enquiry_id ON enquiry_impactclaim
    FOR EACH ROW EXECUTE FUNCTION enquiry_strongest_claim_trigger();
"""
POSTGRES_BACK = """
DROP TRIGGER IF EXISTS enquiry_strongest_claim ON enquiry_impactclaim;
DROP FUNCTION IF EXISTS enquiry_strongest_claim_trigger(), enquiry_strongest_claim_refresh(bigint);
"""
REFRESH = """UPDATE enquiry_enquiry SET strongest_claim =
    (SELECT max(strength) FROM enquiry_impactclaim WHERE enquiry_id = enquiry_enquiry.id)
    WHERE id = {row}.enquiry_id;"""
SQLITE = [
    f"CREATE TRIGGER enquiry_strongest_claim_insert AFTER INSERT ON enquiry_impactclaim BEGIN {REFRESH.format(row='NEW')} END",
    f"CREATE TRIGGER enquiry_strongest_claim_delete AFTER DELETE ON enquiry_impactclaim BEGIN {REFRESH.format(row='OLD')} END",
    "CREATE TRIGGER enquiry_strongest_claim_update AFTER UPDATE OF strength, enquiry_id ON enquiry_impactclaim "
    f"BEGIN {REFRESH.format(row='OLD')} {REFRESH.format(row='NEW')} END",
]
SQLITE_BACK = [f"DROP TRIGGER IF EXISTS enquiry_strongest_claim_{op}" for op in ("insert", "delete", "update")]
FILL = """UPDATE enquiry_enquiry SET strongest_claim =
    (SELECT max(strength) FROM enquiry_impactclaim WHERE enquiry_id = enquiry_enquiry.id)"""


class Migration(migrations.Migration):
    dependencies = [
        ("enquiry", "0006_stalled_enquiry_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="enquiry",
            name="strongest_claim",
            field=models.PositiveSmallIntegerField(
                editable=False,
                null=True,
                help_text="The strength of its strongest impact claim (None if none), kept by triggers on the claims.",
            ),
        ),
        migrations.AddIndex(
            model_name="enquiry",
            index=models.Index(fields=["id", "approach"], name="enquiry_id_approach_idx"),
        ),
        migrations.RunPython(
            for_vendor(postgresql=POSTGRES + FILL, sqlite=[*SQLITE, FILL]),
            for_vendor(postgresql=POSTGRES_BACK, sqlite=SQLITE_BACK),
        ),
    ]
