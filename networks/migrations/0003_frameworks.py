"""Reference data: the two self-review frameworks, their features and questions (sources named).

The data is frozen here, as it was loaded: later wording changes are made in the platform (or by a
new migration of the reviews app), never by editing this file. Reversing deletes exactly these
two frameworks by slug (their features and questions go with them).

The wording is editable afterwards in the admin; this is only the seed.

Seven key features (Earl & Katz): the questions are seed 002's bank, transcribed faithfully in
sentence case with British spelling; only OCR damage is repaired. Seed 002 holds 29 bulleted
questions (6, 5, 5, 5, 3, 3, 2 in the order below), not the 30 that DESIGN.md mentions; none is
invented to make up the difference. Three bullets hold two questions each ("How explicit is the
network focus? Can participants ...", "How challenging is the focus? Will it ...", "Do staff
members discuss professional issues regularly? Are the issues ..."); each stays one question, as
printed. Seed 002 prints the leadership questions under "Leadership", second in its order; the
features follow DESIGN.md's order here. The feature descriptions are Reading D's (seed 000), in
its words.

Eight characteristics (seed 004): the names are the briefing's list; the briefing gives no
description of each, so each feature has one statement to rate, drawn from the briefing's wording.
"""

from django.db import migrations

SEVEN_KEY_FEATURES = {
    "slug": "seven-key-features",
    "name": "Seven key features of learning networks",
    "description": (
        "Phases 1 and 2 of the evaluation of the Networked Learning Communities programme identified "
        "seven 'key features' of learning networks that appear to be significant. Together they are "
        "essential ingredients in creating and sharing professional knowledge and changing practice, "
        "which in turn generate impact on pupil learning, engagement and success."
    ),
    "source": (
        "Questions: Earl, L. and Katz, S., evaluation of England's Networked Learning Communities "
        "(seed 002). Feature descriptions: 'Broadening the learning community: key messages', "
        "Reading D (seed 000)."
    ),
    "features": [
        {
            "slug": "purpose-and-focus",
            "name": "Purpose and focus",
            "description": (
                "Establishing an explicit statement of purpose about classroom practice, school improvement "
                "and/or student learning moves a professional network towards clear and purposeful actions."
            ),
            "questions": [
                "How closely is the network focus linked to teaching and learning?",
                "Is there research-based evidence that the network focus enhances teaching and/or learning?",
                "How closely is the network focus connected to the needs of the students?",
                "How explicit is the network focus? Can participants describe what they intend to 'do' in "
                "detail so that it is concrete and useful to others?",
                "Is the network focus widely shared as a priority in the network schools?",
                "How challenging is the focus? Will it foster new thinking and changes in practices?",
            ],
        },
        {
            "slug": "relationships",
            "name": "Relationships",
            "description": (
                "Networks are a function of the ongoing and dynamic interactions between members of the group. "
                "Strong group cohesion is based on and engenders trust, mutual accountability and an agreed "
                "upon sharing of power, which in turn strengthens relationships and commitment to shared goals "
                "and social norms."
            ),
            "questions": [
                "Do staff members have a common language about professional practice?",
                "Are staff members aware of the expertise of others?",
                "Do staff members feel responsible for ensuring that they are all doing their professional best?",
                "Do staff members trust one another and believe in one another's integrity?",
                "Do staff members feel as if they can depend on one another?",
            ],
        },
        {
            "slug": "collaboration",
            "name": "Collaboration",
            "description": (
                "Collaboration within networks is intended to engage practitioners in opening up beliefs and "
                "practices in order to provide them with opportunities to participate actively in the "
                "development of their own practice and that of the profession."
            ),
            "questions": [
                "Do staff members discuss professional issues regularly? Are the issues directly tied to "
                "curriculum, learning, and instruction?",
                "Do staff members work together to solve professional problems?",
                "Do staff members seek out and offer professional advice to one another?",
                "Do staff members observe one another's teaching and offer commentary?",
                "Are staff members open to feedback from their colleagues?",
            ],
        },
        {
            "slug": "enquiry",
            "name": "Enquiry",
            "description": (
                "Enquiry is the process for systematically and intentionally exploring and considering "
                "information from research, from experts and from each other, in support of decision-making "
                "and problem-solving. Collaborative enquiry involves thinking about, reflecting on, and "
                "challenging individual and collective experiences, in order to come to a deepened "
                "understanding of shared beliefs and practices."
            ),
            "questions": [
                "Do staff members discuss one another's views about teaching and learning?",
                "Do staff members systematically use data and evidence to make decisions?",
                "Do staff members share and draw on research about teaching and learning to influence their practices?",
                "Do staff members learn from failed initiatives?",
                "Do staff members consider a range of alternatives before making decisions about teaching?",
            ],
        },
        {
            "slug": "leadership",
            "name": "Leadership",
            "description": (
                "Leadership in networked learning communities is both far-sighted and pragmatic and is "
                "different throughout the life-cycle of the network. Networked learning communities encourage "
                "a broad base of leadership in schools and across the network, with many people (with and "
                "without formal positions of authority) providing a range of leadership functions."
            ),
            "questions": [
                "Has the administrative team involved the staff in a process for determining or refining a "
                "focus for the school?",
                "Are staff members involved in leadership activities like setting goals, coordinating or "
                "facilitating programmes, etc.?",
                "Do staff members actively work to enable colleagues to have access to resources or the "
                "flexibility to participate in professional activities within and beyond the school?",
            ],
        },
        {
            "slug": "accountability",
            "name": "Accountability",
            "description": (
                "Accountability within networks includes both providing transparent and informative "
                "'statements of account' to others, and active self-monitoring to support and challenge the "
                "work of the group, in the process of striving for improvement. Accountability in a learning "
                "network also implies a sense of responsibility for the quality of work and of value for "
                "pupils across all the schools."
            ),
            "questions": [
                "Do staff members accept responsibility for the improvement process?",
                "Do staff members communicate with each other about how well students in the school are doing "
                "and about school improvement activities?",
                "Do staff members communicate with parents and the community about how well students in the "
                "school are doing and about school improvement activities?",
            ],
        },
        {
            "slug": "building-capacity-and-support",
            "name": "Building capacity and support",
            "description": (
                "Significant change in schools is a function of 'high pressure and high support'. Networking "
                "initiatives require planned strategies for building capacity for change and improvement "
                "within schools and between schools."
            ),
            "questions": [
                "Is there support for staff members to learn about new initiatives and participate in ongoing "
                "professional learning?",
                "Are staff members involved in ongoing professional learning?",
            ],
        },
    ],
}

EIGHT_CHARACTERISTICS = {
    "slug": "eight-characteristics",
    "name": "Eight characteristics of effective professional learning communities",
    "description": (
        "The key characteristics of effective professional learning communities, which a project leader "
        "shapes a network of schools to develop. Schools are at different stages in their evolution as "
        "professional learning communities, from 'early starters' through 'developers' to 'mature'. Rate "
        "each statement for our school and network."
    ),
    "source": "RAISE project leaders' briefing: working as a PLC (seed 004)",
    "features": [
        {
            "slug": "shared-values-and-vision",
            "name": "Shared values and vision",
            "description": "",
            "questions": ["Staff share values and a vision centred on pupils' learning."],
        },
        {
            "slug": "collective-responsibility",
            "name": "Collective responsibility for pupils' learning",
            "description": "",
            "questions": ["Staff take collective responsibility for pupils' learning."],
        },
        {
            "slug": "reflective-professional-enquiry",
            "name": "Reflective professional enquiry",
            "description": "",
            "questions": [
                "Staff engage in reflective professional enquiry, through regular cycles of planning, enquiry, "
                "implementation and review."
            ],
        },
        {
            "slug": "collaboration-on-learning-and-wellbeing",
            "name": "Collaboration focused on learning and wellbeing",
            "description": "",
            "questions": ["Staff collaborate, and their collaboration is focused on learning and wellbeing."],
        },
        {
            "slug": "group-and-individual-learning",
            "name": "Group as well as individual learning",
            "description": "",
            "questions": ["Staff learn together in groups as well as individually."],
        },
        {
            "slug": "openness-networks-and-partnership",
            "name": "Openness, networks and partnership",
            "description": "",
            "questions": [
                "Our school is outward-looking: open to learning with others through networks and partnership."
            ],
        },
        {
            "slug": "inclusive-membership",
            "name": "Inclusive membership",
            "description": "",
            "questions": ["Membership of our professional learning community is inclusive of all staff."],
        },
        {
            "slug": "mutual-trust-respect-and-support",
            "name": "Mutual trust, respect and support",
            "description": "",
            "questions": ["Staff trust, respect and support one another."],
        },
    ],
}

FRAMEWORKS = [SEVEN_KEY_FEATURES, EIGHT_CHARACTERISTICS]

SLUGS = ["seven-key-features", "eight-characteristics"]


def load_frameworks(apps, schema_editor):
    Framework = apps.get_model("networks", "Framework")
    Feature = apps.get_model("networks", "Feature")
    Question = apps.get_model("networks", "Question")
    for data in FRAMEWORKS:
        assert data["slug"] in SLUGS, data["slug"]
        framework, _ = Framework.objects.update_or_create(
            slug=data["slug"],
            defaults={"name": data["name"], "description": data["description"], "source": data["source"]},
        )
        for position, feature_data in enumerate(data["features"], start=1):
            feature, _ = Feature.objects.update_or_create(
                framework=framework,
                slug=feature_data["slug"],
                defaults={
                    "position": position,
                    "name": feature_data["name"],
                    "description": feature_data["description"],
                },
            )
            for question_position, text in enumerate(feature_data["questions"], start=1):
                Question.objects.update_or_create(feature=feature, position=question_position, defaults={"text": text})


def unload_frameworks(apps, schema_editor):
    Framework = apps.get_model("networks", "Framework")
    Framework.objects.filter(slug__in=SLUGS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0002_self_review"),
    ]

    operations = [
        migrations.RunPython(load_frameworks, unload_frameworks),
    ]
