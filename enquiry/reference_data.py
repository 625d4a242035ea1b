"""Reference terms for enquiries, in the words of seed 003 (NCSL, "Networked Learning
Communities: learning from, with and on behalf of each other"). Shipped by migration
0002_reference_terms; operators may reword them in the admin site afterwards."""

SOURCE = "NCSL, Networked Learning Communities: learning from, with and on behalf of each other (seed 003)"

LEVELS_OF_LEARNING = [
    (
        "pupil",
        "Pupil learning",
        "A clear pedagogic focus that embraces all pupils and all teachers: evidence-informed approaches "
        "to raising pupils' achievement.",
    ),
    (
        "adult",
        "Adult learning",
        "Teachers learning with and alongside their pupils: practitioner enquiry, study groups, enquiry "
        "partnerships, coaching, mentoring, classroom observation and school visits.",
    ),
    (
        "leadership",
        "Leadership for learning",
        "Leadership for learning and leadership development: creating the conditions for networked learning.",
    ),
    (
        "school-wide",
        "School-wide learning",
        "The school as a professional learning community, with a capacity for continuous innovation.",
    ),
    (
        "school-to-school",
        "School-to-school learning",
        "Teachers generating and sharing more knowledge by working together across schools than in isolation.",
    ),
    (
        "network-to-network",
        "Network-to-network learning",
        "Schools in other networks understanding, interpreting and transposing a network's solutions.",
    ),
]

FIELDS_OF_KNOWLEDGE = [
    (
        "practitioner",
        "Practitioner knowledge",
        "The knowledge housed within the profession: the often tacit craft knowledge of teachers and leaders.",
    ),
    (
        "public",
        "Public knowledge",
        "Research, theory and international practice available to schools.",
    ),
    (
        "co-constructed",
        "Co-constructed knowledge",
        "What practitioners generate by studying practice together: learning sets, enquiry, the study of innovation.",
    ),
]


def load_terms(apps) -> None:
    """Create or update the terms (migration 0002; safe to run again, e.g. after a test's flush)."""
    for model_name, terms in (("LevelOfLearning", LEVELS_OF_LEARNING), ("FieldOfKnowledge", FIELDS_OF_KNOWLEDGE)):
        model = apps.get_model("enquiry", model_name)
        for position, (slug, name, description) in enumerate(terms, start=1):
            model.objects.update_or_create(
                slug=slug, defaults={"name": name, "position": position, "description": description, "source": SOURCE}
            )
