"""Reference data: the activity types of seeds 004, 001 and 000, and the innovation-cycle phases.

The data is frozen here, each type with its source named, as the migration first loaded it from
activities/reference_data.py: a later change there does not change what this migration loads.
Editable afterwards (admin). Reversing deletes exactly these types and phases by slug.
"""

from decimal import Decimal

from django.db import migrations

SEED_004 = (
    "Seed 004: RAISE Year 4 Project Leaders Briefing Paper, 'Working as a Professional Learning "
    "Community', Professional Learning Communities in Action"
)
SEED_001 = (
    "Seed 001: 'Becoming a professional learning community', pp. 3-6 of Leading and Coordinating "
    "CPD in secondary schools (DfES 0188-2005), which names it among the established learning "
    "methodologies. The seed gives no template: what / when / how here are the platform's own "
    "summary, not quoted."
)
SEED_000 = (
    "Seed 000: Stoll, Bolam et al., 'Broadening the learning community: key messages', Professional "
    "Learning Communities source materials (DfES-0187-2006), co-operative group jigsaw instructions"
)

# Innovation-cycle phases. Seed 004 names "agenda formation" and "selection"; the later phases
# follow the cycle of planning, enquiry, implementation and review the same seed describes.
INNOVATION_PHASES = [
    ("agenda-formation", "Agenda formation", "Deciding what to improve; learning what others already do (seed 004)."),
    ("selection", "Selection", "Choosing the approach to adopt or adapt (seed 004)."),
    ("implementation", "Implementation", "Putting the change into practice, with challenge and support."),
    ("review-and-embedding", "Review and embedding", "Reviewing the evidence and making the change stick."),
]
INNOVATION_PHASES_SOURCE = (
    "Seed 004 names the first two phases ('agenda formation' and 'selection'); the last two are the "
    "platform's, from the seed's cycle of planning, enquiry, implementation and review. Editable."
)

LEARNING_VISIT_RULES = [
    {"category": "supply_cover", "per": "participant_day", "roles": ["visitor"], "bearer": "participant"},
    {"category": "supply_cover", "per": "participant_day", "roles": ["host"], "bearer": "participant"},
    {"category": "travel", "per": "school", "roles": ["visitor"], "bearer": "participant"},
    {"category": "hosting", "per": "day", "bearer": "host"},
    {"category": "refreshments", "per": "person", "bearer": "host"},
]
WORKING_TOGETHER_RULES = [
    {
        "category": "supply_cover",
        "per": "participant_day",
        "roles": ["owner", "facilitator", "resource_provider", "recorder", "participant", "visitor"],
        "bearer": "participant",
    },
    {
        "category": "travel",
        "per": "school",
        "roles": ["owner", "facilitator", "resource_provider", "recorder", "participant", "visitor"],
        "bearer": "participant",
    },
    {"category": "refreshments", "per": "person", "bearer": "host"},
]
CONSULTANCY_RULES = [
    {"category": "consultancy", "per": "day", "bearer": "host"},
    {"category": "travel", "per": "school", "roles": ["resource_provider"], "bearer": "participant"},
]
SEMINAR_RULES = [
    {"category": "consultancy", "per": "day", "bearer": "host"},
    {"category": "travel", "per": "school", "roles": ["participant", "visitor"], "bearer": "participant"},
    {"category": "refreshments", "per": "person", "bearer": "host"},
]
OBSERVATION_RULES = [
    {"category": "supply_cover", "per": "participant_day", "roles": ["visitor"], "bearer": "participant"},
    {"category": "travel", "per": "school", "roles": ["visitor"], "bearer": "participant"},
]
TWILIGHT_RULES = [
    {"category": "refreshments", "per": "person", "bearer": "host"},
]

# Each: slug, name, source, what, when, steps (ordered), resources, roles, typical level, typical
# kind of collaboration (Little, seed 002), typical duration (words) and days of staff time each.
ACTIVITY_TYPES = [
    {
        "slug": "learning-visit",
        "name": "Learning visit",
        "source": SEED_004,
        "what": (
            "A way of providing opportunities for teachers to observe good practice first-hand in another "
            "school setting and consider its applicability to their own school setting."
        ),
        "when": (
            "When a school is interested in taking forward a particular initiative, but may need to build "
            "awareness and commitment amongst staff at different levels in the school."
        ),
        "steps": [
            (
                "Find a school that really does demonstrate good practice in the specific area (it may be in a "
                "different local authority)."
            ),
            "Agree whether the visit is a half or a full day.",
            "Arrange a briefing session led by a senior member of staff at the host school.",
            "Plan time for the visiting teachers to observe practice first-hand and talk with teachers and pupils.",
            (
                "End with a plenary to review lessons learned and explore how the visiting school could take these "
                "ideas forward."
            ),
            "Consider a follow-up of specialist consultancy provided by the host school.",
        ],
        "resources": (
            "Normally, the host school should be resourced for hosting the visit. Key members of staff may "
            "need to be released from teaching to lead and manage the event. Some refreshments may need to "
            "be organised. Teachers attending the event may also need supply cover."
        ),
        "roles": ["owner", "host", "visitor", "recorder"],
        "level": 1,
        "kind": "storytelling",
        "duration": "Half or full day",
        "days": Decimal("1.0"),
        "cost_rules": LEARNING_VISIT_RULES,
    },
    {
        "slug": "problem-solving-team-building",
        "name": "Problem-solving team building (PSTB)",
        "source": SEED_004,
        "what": (
            "A way in which a group can focus on a specific issue owned by one or more of the schools and "
            "work through a structured process to develop an action plan."
        ),
        "when": (
            "When you have a difficult issue or problem that requires a team solution; particularly when you "
            "need a rigorous process to address a complex, intractable, multi-faceted issue."
        ),
        "steps": [
            (
                "Agree the problem and its owner; do initial work to deepen the shared understanding of the problem "
                "(fishbone analysis and/or five whys)."
            ),
            "Appoint the roles: owner, facilitator, resource provider, and a recorder who keeps detailed notes.",
            "Schedule sufficient time: a set of specific, time-limited meetings.",
            "Manage the dialogue in a disciplined way, keeping the discussion at the right level.",
            "Encourage open minds: all ideas are heard and everyone can contribute.",
            (
                "Agree actions the owner takes away to inform future plans; the recorder produces the document for the"
                " team."
            ),
        ],
        "resources": (
            "The key resource is time for teachers to work together, likely to involve some supply cover. "
            "Staff from different schools may need to travel to one another's schools, although some of this "
            "could be managed through virtual networking."
        ),
        "roles": ["owner", "facilitator", "resource_provider", "recorder", "participant"],
        "level": 3,
        "kind": "joint_work",
        "duration": "A set of time-limited meetings (half a day each)",
        "days": Decimal("0.5"),
        "cost_rules": WORKING_TOGETHER_RULES,
    },
    {
        "slug": "collaborative-use-of-data",
        "name": "Collaborative use of data",
        "source": SEED_004,
        "what": (
            "A way to enable senior leaders to work together to identify key areas for action and to improve "
            "the use of data to inform improvements in teaching and learning."
        ),
        "when": (
            "When more than one school in a network is interested in improving its use of data to support "
            "teaching and learning (target-setting, pupil tracking, self-evaluation, performance management); "
            "schools engage in parallel system-building and give peer feedback on progress."
        ),
        "steps": [
            "Identify schools keen to improve their management information systems and school performance.",
            (
                "Hold an initial meeting of senior staff to scope the purpose and focus, agree protocols for sharing "
                "data and plan collaborative action."
            ),
            "Agree a project plan at the initial meeting so that resource requirements can be mapped.",
            "Compare current systems and approaches across the schools; research good practice elsewhere.",
            "Provide peer support for designing and implementing improvements, and review progress together.",
        ],
        "resources": (
            "Time for teachers (and sometimes school business managers) to work together, likely to involve "
            "some supply cover. Staff may travel to one another's schools, though some of this could be managed "
            "through virtual networking."
        ),
        "roles": ["owner", "facilitator", "recorder", "participant"],
        "level": 2,
        "kind": "sharing",
        "duration": "An initial half-day meeting, then regular reviews",
        "days": Decimal("0.5"),
        "cost_rules": WORKING_TOGETHER_RULES,
    },
    {
        "slug": "shared-inset-seminar",
        "name": "Shared INSET seminar programme",
        "source": SEED_004,
        "what": (
            "The organisation of collaborative sessions to raise awareness of specific elements within the "
            "School Effectiveness Framework."
        ),
        "when": (
            "When several schools want to develop an area of innovation but do not yet feel knowledgeable "
            "enough to plan improvements: 'knowing broadly where you want to go but not how to get there'. "
            "The sessions build shared understanding and may include initial self-evaluation as a benchmark."
        ),
        "steps": [
            "Identify precisely which elements the schools are interested in, and where they wish to improve.",
            (
                "Identify a suitable specialist to lead the seminar (a practitioner from another school, a local "
                "authority professional, a researcher or a consultant); ask the consortium first."
            ),
            "Organise the session, ideally as a twilight event in one of the schools.",
            "Include initial self-evaluation activities to set a benchmark for further progress.",
        ],
        "resources": (
            "The specialist knowledge of the person leading the session. Key areas of expenditure may be the "
            "specialist's fee and travel expenses for participating staff."
        ),
        "roles": ["owner", "resource_provider", "host", "participant"],
        "level": 1,
        "kind": "storytelling",
        "duration": "Twilight seminar",
        "days": Decimal("0.5"),
        "cost_rules": SEMINAR_RULES,
    },
    {
        "slug": "action-learning-partnership",
        "name": "Action learning partnership (action learning sets)",
        "source": SEED_004,
        "what": (
            "A systematic way for staff from different schools to work together on a collaborative project to "
            "secure school improvement and share professional learning, applying action research methodology "
            "collaboratively through action learning sets."
        ),
        "when": (
            "When more than one school in a network wants to work on a particular aspect of school improvement "
            "and would benefit from the challenge and support of staff from different schools working together."
        ),
        "steps": [
            "Discuss with the headteachers whether they would like to use action learning sets for common themes.",
            "Identify individuals willing to join an action learning set.",
            "Provide an initial briefing in action research methodology.",
            "Appoint a facilitator to encourage dialogue, share learning and act as critical friend.",
            "Organise learning workshops, peer observation, study visits and school-based development work.",
            (
                "Give participants time to work through the cycle: investigate, plan and implement changes, observe "
                "and reflect."
            ),
            "Support participants to document their projects fully, as a basis for sharing with others.",
        ],
        "resources": (
            "Time for teachers (and sometimes business managers) to work together, likely to involve some supply "
            "cover; travel between schools; a project plan agreed at the first meeting to map resources."
        ),
        "roles": ["owner", "facilitator", "recorder", "participant"],
        "level": 3,
        "kind": "joint_work",
        "duration": "A series of half-day set meetings over a year",
        "days": Decimal("0.5"),
        "cost_rules": WORKING_TOGETHER_RULES,
    },
    {
        "slug": "specialist-peer-consultancy",
        "name": "Specialist peer consultancy",
        "source": SEED_004,
        "what": (
            "Peer consultancy support to a school, delivered by the headteacher and/or staff from another school "
            "demonstrating good practice in a specific area."
        ),
        "when": (
            "When a school would benefit from (and be receptive to) guidance from someone with a recent and "
            "successful track record of leading innovation in a specialist area."
        ),
        "steps": [
            (
                "Discuss specialist support with the headteacher; clarify the areas where advice would help and the "
                "key issues."
            ),
            "Work up a concise brief for the consultancy.",
            "Consult local authority colleagues and others to identify possible consultants.",
            "Plan a two- or three-day consultancy programme.",
            "Agree the consultant with the headteacher and check they are willing to take on the role.",
            (
                "Run it: initial meeting with the head or SMT, observation and discussion, analysis and feedback, a "
                "joint action plan, support for implementation."
            ),
            "Monitor progress and check each phase is completed to the school's satisfaction.",
        ],
        "resources": (
            "Costings could be based either on teacher supply at £173 per day plus expenses, or on a full "
            "consultancy fee at £450 per day."
        ),
        "roles": ["owner", "resource_provider", "host", "recorder"],
        "level": 3,
        "kind": "aid_assistance",
        "duration": "Two or three days",
        "days": Decimal("2.0"),
        "cost_rules": CONSULTANCY_RULES,
    },
    {
        "slug": "peer-observation",
        "name": "Peer observation",
        "source": SEED_001,
        "what": "Colleagues observe each other's teaching against an agreed focus and discuss what they saw.",
        "when": "When staff want evidence from classrooms, rather than anecdote, about a change they are making.",
        "steps": [
            "Agree the focus of the observation and what evidence will be collected.",
            "Agree ground rules: the observation is for learning, not judgement.",
            "Observe the lesson, noting evidence against the focus.",
            "Hold a professional dialogue soon after, led by the evidence.",
            "Record what each will try next.",
        ],
        "resources": "Supply cover for the observer; travel when the observation is in another school.",
        "roles": ["owner", "host", "visitor"],
        "level": 3,
        "kind": "joint_work",
        "duration": "Half a day",
        "days": Decimal("0.5"),
        "cost_rules": OBSERVATION_RULES,
    },
    {
        "slug": "coaching-and-mentoring",
        "name": "Coaching and mentoring",
        "source": SEED_001,
        "what": "A colleague supports another's learning through structured, regular conversations about practice.",
        "when": "When someone is taking on a new practice or responsibility and would benefit from sustained support.",
        "steps": [
            "Agree the goal and how often you will meet.",
            "Agree confidentiality and ground rules.",
            "Meet regularly; the coachee leads the agenda.",
            "Review progress against the goal and agree next steps each time.",
        ],
        "resources": "Time for both colleagues; supply cover when sessions fall in teaching time.",
        "roles": ["owner", "facilitator", "participant"],
        "level": 2,
        "kind": "aid_assistance",
        "duration": "Regular one-hour sessions",
        "days": Decimal("0.5"),
        "cost_rules": OBSERVATION_RULES,
    },
    {
        "slug": "research-lesson",
        "name": "Research lesson",
        "source": SEED_001,
        "what": (
            "A small group plans a lesson together, one teaches it while the others observe pupils' learning, and they"
            " refine it together."
        ),
        "when": "When a group wants to study closely how pupils learn something hard to teach.",
        "steps": [
            "Choose a learning focus and identify case-study pupils.",
            "Plan the lesson together, predicting how the case-study pupils will respond.",
            "One teaches; the others observe the case-study pupils.",
            "Interview some pupils and discuss what was learned straight after.",
            "Refine the lesson and share the learning with colleagues.",
        ],
        "resources": "Supply cover for the planning and observing teachers.",
        "roles": ["owner", "host", "visitor", "recorder"],
        "level": 3,
        "kind": "joint_work",
        "duration": "A day (planning, lesson, discussion)",
        "days": Decimal("1.0"),
        "cost_rules": OBSERVATION_RULES,
    },
    {
        "slug": "enquiry-visit",
        "name": "Enquiry visit",
        "source": SEED_001,
        "what": "A visit to another school to gather evidence for a question the visitors are enquiring into.",
        "when": "When an enquiry needs evidence from practice elsewhere, beyond what the visitors' own school shows.",
        "steps": [
            "Agree the enquiry question and what evidence the visit should gather.",
            "Brief the host school on the question.",
            "Gather the evidence: observe, talk with staff and pupils, look at pupils' work.",
            "Share the findings with the host and with colleagues back at school.",
        ],
        "resources": "Supply cover for the visiting teachers, travel, and time from the host school.",
        "roles": ["owner", "host", "visitor", "recorder"],
        "level": 2,
        "kind": "sharing",
        "duration": "Half or full day",
        "days": Decimal("1.0"),
        "cost_rules": LEARNING_VISIT_RULES,
    },
    {
        "slug": "jigsaw-dialogue",
        "name": "Co-operative group jigsaw dialogue",
        "source": SEED_000,
        "what": (
            "Readers familiarise themselves with different readings, share key points in their home groups and "
            "reflect together on questions: individual expertise blended with group dialogue."
        ),
        "when": "To promote and support community learning from a set of readings, for example at a twilight session.",
        "steps": [
            "Form home groups of three or four people; everyone reads the instructions.",
            "Assign each person one reading (A, B, C or D) to become an 'expert' on.",
            "Read individually, bearing in mind the expert and home group questions (5-10 minutes).",
            (
                "Form expert groups of three or four with the same reading; discuss the expert group questions (10 "
                "minutes)."
            ),
            "Rejoin home groups; each member shares the key messages of their reading (15 minutes).",
            "Reflect together on the home group questions (15 minutes).",
            "Summarise key learning in a whole-group dialogue (15 minutes).",
        ],
        "resources": (
            "Copies of the instructions, readings and notes pages for each person; a room with space for small groups."
        ),
        "roles": ["owner", "facilitator", "host", "participant"],
        "level": 2,
        "kind": "sharing",
        "duration": "About 75 minutes (twilight)",
        "days": Decimal("0.0"),
        "cost_rules": TWILIGHT_RULES,
    },
]



def load(apps, schema_editor):
    ActivityType = apps.get_model("activities", "ActivityType")
    ActivityTypeStep = apps.get_model("activities", "ActivityTypeStep")
    InnovationPhase = apps.get_model("activities", "InnovationPhase")
    for position, data in enumerate(ACTIVITY_TYPES, start=1):
        activity_type, _ = ActivityType.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "what": data["what"],
                "when_to_use": data["when"],
                "resources": data["resources"],
                "roles": data["roles"],
                "typical_level": data["level"],
                "typical_kind": data["kind"],
                "typical_duration": data["duration"],
                "typical_days": data["days"],
                "cost_rules": data["cost_rules"],
                "source": data["source"],
                "position": position,
            },
        )
        for step_position, text in enumerate(data["steps"], start=1):
            ActivityTypeStep.objects.update_or_create(
                activity_type=activity_type, position=step_position, defaults={"text": text}
            )
    for position, (slug, name, description) in enumerate(INNOVATION_PHASES, start=1):
        InnovationPhase.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "position": position, "description": description, "source": INNOVATION_PHASES_SOURCE},
        )


def unload(apps, schema_editor):
    apps.get_model("activities", "ActivityType").objects.filter(slug__in=[t["slug"] for t in ACTIVITY_TYPES]).delete()
    apps.get_model("activities", "InnovationPhase").objects.filter(slug__in=[p[0] for p in INNOVATION_PHASES]).delete()


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
