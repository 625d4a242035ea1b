"""The demo year's enquiries: fifty practitioner enquiries across the five networks, at every stage
of the cycle, with measures, evidence notes, small files, critical friends' comments, impact claims
of every strength and every level of sharing.

Made through enquiry.services (enquiry_create, enquiry_move_stage, evidence_add, impact_claim_add,
collaborator_invite, enquiry_share), then dated back to when the story says each step happened.
Comments are written as rows rather than through comment_add, which would email each owner from
the seed. The Cardigan Bay network shares nothing beyond its consortium, so nothing of it shows in
the other consortium, not even in the public library.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from enquiry.models import (
    Approach,
    CollaboratorRole,
    Comment,
    CommentKind,
    Enquiry,
    Evidence,
    EvidenceKind,
    FieldOfKnowledge,
    ImpactArea,
    ImpactClaim,
    LevelOfLearning,
    Sharing,
    Stage,
    StageChange,
    Strength,
)
from enquiry.services import (
    collaborator_invite,
    enquiry_create,
    enquiry_move_stage,
    enquiry_share,
    evidence_add,
    impact_claim_add,
)
from enquiry.uploads import check_upload
from networks.demo import BAY_NETWORK, NETWORKS
from networks.models import Membership, Network, PracticeArea, Role, School, User

from .context import DemoContext
from .files import bar_chart_png, one_page_pdf
from .timeline import backdate


@dataclass(frozen=True)
class Topic:
    title: str  # "{year}" is filled with the year group
    question: str
    why: str
    pupils: str  # "{year} boys"
    areas: tuple[str, ...]
    measure: str
    unit: str
    baseline: int
    outcome: int
    provision: str
    plan: str
    change: str
    observed: str
    conclude: str
    claim: str
    levels: tuple[str, ...] = ("pupil", "adult")
    fields: tuple[str, ...] = ("practitioner",)


WRITING, MATHS, VOICE, AFL = (spec.name for spec in NETWORKS)
BAY = BAY_NETWORK.name

TOPICS = {
    WRITING: [
        Topic(
            "Oral rehearsal and boys' paragraphing in {year}",
            "Does oral rehearsal before writing improve {year} boys' paragraphing?",
            "Our boys have good ideas when they talk but their writing runs on without paragraphs.",
            "{year} boys",
            ("Literacy", "Assessment for learning"),
            "Boys who paragraph correctly in an independent piece",
            "%",
            38,
            61,
            "In a sample of independent writing, few boys started a new paragraph for a new idea or time.",
            "Before each extended piece, pupils rehearse each paragraph aloud to a partner, one idea at a time.",
            "Oral rehearsal of each paragraph twice a week, with a 'new idea, new line' prompt on the table.",
            "Boys talked through the order of their ideas and started new paragraphs without being reminded.",
            "Oral rehearsal helped most when the partner had to repeat the idea back before writing began.",
            "More boys paragraph correctly in independent writing after a term of oral rehearsal.",
            fields=("practitioner", "public"),
        ),
        Topic(
            "Talk partners before extended writing in {year}",
            "If boys rehearse their sentences aloud with a talk partner first, do they write more?",
            "Reluctant writers spend the first ten minutes of a lesson not writing anything.",
            "{year} boys",
            ("Literacy",),
            "Average words written in 20 minutes (boys)",
            "words",
            112,
            164,
            "Boys wrote far less than girls in timed pieces; most said they 'didn't know what to put'.",
            "Talk partners rehearse the opening sentences aloud, then write for twenty minutes.",
            "Talk partners used before every extended writing task, with partners changed each half term.",
            "Boys started sooner and wrote more; the quietest pairs needed a sentence stem to begin.",
            "Talk partners work when the talk is short and about the writing, not the topic in general.",
            "Boys wrote about half as much again in twenty minutes by the end of the term.",
        ),
        Topic(
            "'Say it, then write it' routines in {year}",
            "Do 'say it, then write it' routines help reluctant writers start sooner?",
            "Some pupils sit for minutes before writing a word, and then rush.",
            "{year} pupils who are reluctant writers",
            ("Literacy", "Thinking skills"),
            "Pupils who start writing within three minutes",
            "%",
            45,
            78,
            "Observation showed a long delay before reluctant writers began.",
            "Model the routine: say the sentence, say it again, write it, read it back.",
            "The routine taught as a class, then used by pupils on their own with a card on the table.",
            "Pupils used the routine without prompting after three weeks; the delay before writing shrank.",
            "A short, named routine gives reluctant writers a way in.",
            "Most reluctant writers now start within three minutes.",
        ),
        Topic(
            "Ambitious vocabulary through spoken word banks in {year}",
            "If pupils say new words aloud in sentences before writing, do they use them in their writing?",
            "Word banks on the wall were rarely used in independent writing.",
            "{year} pupils",
            ("Literacy",),
            "Pieces using three or more ambitious words",
            "%",
            22,
            47,
            "Word mats were on every table but pupils did not use the words when writing alone.",
            "Each lesson starts with pupils saying three new words in their own spoken sentences.",
            "Oral rehearsal of vocabulary in pairs at the start of each writing lesson.",
            "Pupils borrowed each other's spoken sentences and made them their own in writing.",
            "Words that have been said aloud are the ones that reach the page.",
            "About twice as many pieces now use three or more ambitious words.",
        ),
        Topic(
            "Peer editing stations for {year} writers",
            "Does a weekly peer-editing station improve how boys redraft their writing?",
            "Redrafting mostly meant correcting spellings, not improving meaning.",
            "{year} boys",
            ("Literacy", "Assessment for learning"),
            "Pieces redrafted with a change of meaning, not just spelling",
            "%",
            18,
            40,
            "Looking at books, almost all changes pupils made were to spelling and punctuation.",
            "A weekly station where partners read each other's work aloud and ask one question.",
            "Peer editing stations every Friday, with question cards modelled by the teacher.",
            "Reading aloud to a partner made pupils hear where their writing did not make sense.",
            "Reading aloud, not reading silently, is what makes peer editing work.",
            "More than twice as many redrafts now change the meaning of a piece.",
        ),
        Topic(
            "Reading model texts aloud before writing in {year}",
            "Does hearing a model text read aloud change how boys feel about writing?",
            "In our pupil survey, boys said writing was 'boring' and 'too long'.",
            "{year} boys",
            ("Literacy", "Pupil voice"),
            "Boys who say they enjoy writing (pupil survey)",
            "%",
            31,
            52,
            "The pupil survey showed boys enjoyed writing far less than reading.",
            "Read a short model text aloud with expression, then pupils retell it orally before writing.",
            "Model texts read aloud twice a week; pupils choose which of two models to follow.",
            "Boys asked for the models to be read again and used their structure in their own pieces.",
            "Hearing the text makes the structure visible to pupils who do not yet read fluently.",
            "More boys now say they enjoy writing.",
            levels=("pupil",),
        ),
    ],
    MATHS: [
        Topic(
            "Bar models for comparing fractions in {year}",
            "Do bar models help {year} pupils compare fractions with different denominators?",
            "Pupils thought a bigger denominator meant a bigger fraction.",
            "{year} class",
            ("Numeracy",),
            "Pupils answering the fractions comparison task correctly",
            "%",
            34,
            66,
            "On our baseline task, most pupils said one eighth was bigger than one quarter.",
            "Teach comparing fractions with paper strips first, then drawn bar models, then numbers alone.",
            "Concrete, pictorial, abstract sequence for fractions over four weeks, with bar models throughout.",
            "Pupils drew bar models without being asked when they were unsure.",
            "The bar model gives pupils a picture to check their answer against.",
            "Twice as many pupils now compare fractions correctly.",
            fields=("practitioner", "public"),
        ),
        Topic(
            "Fractions on a number line in {year}",
            "Can {year} pupils place fractions on a number line after concrete and pictorial teaching?",
            "Fractions were taught as parts of shapes only, never as numbers.",
            "{year} pupils",
            ("Numeracy", "Curriculum design"),
            "Pupils placing three of four fractions correctly on a number line",
            "%",
            29,
            58,
            "Pupils could shade a fraction of a shape but not say where it sits between 0 and 1.",
            "Measure with folded ribbon, then mark fractions on a number line drawn to the same length.",
            "Fractions on a number line added to every fractions lesson for half a term.",
            "Pupils began to talk about fractions 'being numbers' and compared them to one half.",
            "Treating fractions as numbers on a line helps pupils reason about their size.",
            "Twice as many pupils place fractions correctly on a number line.",
        ),
        Topic(
            "Place value with base-ten equipment in {year}",
            "Does daily use of base-ten equipment secure place value to 1,000 in {year}?",
            "Errors in column addition came from weak place value.",
            "{year} pupils",
            ("Numeracy",),
            "Pupils scoring 8 out of 10 on the place value check",
            "%",
            41,
            69,
            "The place value check showed many pupils confused 'tens' and 'ones' in three-digit numbers.",
            "Ten minutes a day building, drawing and writing numbers with base-ten equipment.",
            "Base-ten equipment on every table in maths lessons; pupils explain each number they build.",
            "Pupils explained exchanges in addition using the equipment's language.",
            "Daily, short use of equipment matters more than long one-off lessons.",
            "More pupils now score 8 out of 10 on the place value check.",
        ),
        Topic(
            "Times tables through daily retrieval in {year}",
            "Does ten minutes of daily retrieval practice improve recall of the 3, 4 and 8 times tables?",
            "Slow recall of tables holds pupils back in multiplication and division.",
            "{year} pupils",
            ("Numeracy",),
            "Average facts recalled in two minutes",
            "facts",
            21,
            34,
            "Timed checks showed slow recall, and some pupils counting on their fingers.",
            "Ten minutes of low-stakes retrieval at the start of each day, mixing old and new facts.",
            "Daily retrieval quizzes, marked by pupils, with the results kept by each pupil.",
            "Pupils tracked their own progress and asked to be tested again.",
            "Short, daily, mixed practice works better than learning one table at a time.",
            "Pupils recall about half as many facts again in two minutes.",
            levels=("pupil",),
        ),
        Topic(
            "Sentence stems for reasoning in maths in {year}",
            "Do sentence stems help {year} pupils explain their reasoning in maths?",
            "Pupils could get answers but not say why they were right.",
            "{year} pupils",
            ("Numeracy", "Thinking skills"),
            "Pupils giving a full 'because' explanation",
            "%",
            25,
            51,
            "When asked 'how do you know?', most pupils repeated the answer.",
            "Display and model stems such as 'I know that ... because ...' and 'I disagree because ...'.",
            "Sentence stems used in every maths lesson, with pupils expected to use one when answering.",
            "Pupils began to challenge each other politely using the stems.",
            "Stems give pupils the grammar of reasoning; they drop them once it is theirs.",
            "Twice as many pupils now give a full explanation.",
        ),
        Topic(
            "A research lesson on multiplication arrays in {year}",
            "What do pupils misunderstand about arrays, and does a research lesson cycle fix it?",
            "Our network's focus is planning research lessons together.",
            "{year} pupils",
            ("Numeracy", "Curriculum design", "Coaching and mentoring"),
            "Pupils drawing a correct array for a multiplication",
            "%",
            48,
            72,
            "Three teachers observed pupils drawing arrays with rows of different lengths.",
            "Plan a research lesson together, teach it, observe three case pupils, review and re-teach.",
            "Two cycles of the research lesson in different schools, with the plan changed after the first.",
            "The case pupils in the second lesson drew equal rows and linked them to repeated addition.",
            "Planning together around named pupils kept our attention on learning, not on the teacher.",
            "Pupils in the second research lesson drew correct arrays far more often.",
            levels=("pupil", "adult", "school-to-school"),
            fields=("practitioner", "co-constructed"),
        ),
    ],
    VOICE: [
        Topic(
            "Pupil learning walks in {year}",
            "Does a termly pupil learning walk change what teachers do in lessons?",
            "Pupil voice was collected but nothing changed as a result.",
            "{year} pupil learning walk team",
            ("Pupil voice",),
            "Teachers making a change after pupils' feedback",
            "%",
            20,
            65,
            "Questionnaires were filed, and teachers could not name anything they had changed because of them.",
            "Train six pupils to observe learning, feed back to staff and agree one change with each teacher.",
            "Termly pupil learning walks, with feedback given by pupils at a staff meeting.",
            "Teachers asked the pupils follow-up questions and tried the changes they suggested.",
            "Pupils' feedback is acted on when pupils give it themselves, face to face.",
            "Most teachers made a change after the pupils' learning walk.",
            fields=("practitioner", "co-constructed"),
        ),
        Topic(
            "Pupil voice in designing Year 7 transition",
            "If Year 7 pupils help design the transition programme, do they feel more settled by half term?",
            "Too many pupils told us they felt lost in their first weeks in secondary school.",
            "Year 7 pupils",
            ("Pupil voice", "Wellbeing", "Transition"),
            "Year 7 pupils saying they feel settled (survey)",
            "%",
            58,
            79,
            "The autumn survey showed many Year 7 pupils did not feel settled by half term.",
            "Last year's Year 7 design the induction days and lead tours for Year 6 pupils.",
            "A transition programme planned with pupil voice at its centre, led partly by pupils.",
            "Year 6 pupils asked the Year 7 guides questions they would not ask staff.",
            "Pupils trust other pupils' advice about secondary school.",
            "More Year 7 pupils now say they feel settled by half term.",
            levels=("pupil", "school-to-school"),
        ),
        Topic(
            "Pupils as enquiry visitors to partner schools in {year}",
            "What do pupils notice on an enquiry visit to a partner school, and what do staff do with it?",
            "Our network's focus is pupils as enquirers.",
            "{year} pupil researchers",
            ("Pupil voice",),
            "Pupils' suggestions acted on within a term",
            "suggestions",
            2,
            9,
            "Pupils rarely visited other schools, and their ideas did not reach staff meetings.",
            "A group of pupils visits a partner school with three questions and reports back to staff.",
            "Two enquiry visits by pupils to partner schools, with a report to staff and governors.",
            "Pupils noticed things staff had stopped seeing, such as how the day starts.",
            "Pupils are sharp observers when they have a clear question to answer.",
            "Staff acted on more of the pupils' suggestions within a term.",
            levels=("pupil", "school-to-school"),
        ),
        Topic(
            "Daily check-ins and pupils' worries in {year}",
            "Do daily check-ins reduce the number of pupils reporting worries about school?",
            "Wellbeing surveys showed a rise in pupils worrying about school.",
            "{year} pupils",
            ("Wellbeing", "Pupil voice"),
            "Pupils reporting a worry at least weekly",
            "%",
            34,
            21,
            "A third of pupils reported a worry about school at least once a week.",
            "A two-minute check-in each morning where pupils choose a colour for how they feel.",
            "Daily check-ins, with a follow-up conversation the same day for any pupil who asks.",
            "Pupils used the check-in to ask for help earlier; staff spotted patterns across the week.",
            "A regular, low-key way to say how they feel helps pupils raise worries before they grow.",
            "Fewer pupils now report a worry every week.",
        ),
        Topic(
            "Pupil voice in my lesson planning in {year}",
            "Does asking pupils what helped them learn at the end of each lesson change my planning?",
            "I wanted to plan from what pupils tell me, not only from their books.",
            "{year} class",
            ("Pupil voice", "Assessment for learning"),
            "Lessons adapted after pupils' feedback each half term",
            "lessons",
            1,
            7,
            "I rarely changed a plan because of anything a pupil said.",
            "An exit question, 'what helped you learn today?', answered on a sticky note.",
            "Exit questions in every lesson, and a weekly look at the notes when planning.",
            "Pupils' answers became more specific as they saw their suggestions used.",
            "Asking one simple question at the end of a lesson is enough to change my planning.",
            "I now adapt several lessons each half term because of what pupils tell me.",
            levels=("pupil", "adult"),
        ),
        Topic(
            "A school council change to lunchtimes",
            "Can the school council lead a change to lunchtimes that cuts behaviour incidents?",
            "Most behaviour incidents happened at lunchtime.",
            "School council and all pupils",
            ("Pupil voice", "Behaviour for learning"),
            "Lunchtime incidents a week",
            "incidents",
            14,
            6,
            "Incident logs showed most problems came from crowding in one part of the yard.",
            "The school council surveys pupils and proposes zones and activities for lunchtimes.",
            "Lunchtime zones and pupil-led activities, designed and run by the school council.",
            "Pupils used the quiet zone and the games zone; crowding eased.",
            "Pupils found a solution staff had not thought of, and owned it.",
            "Lunchtime incidents fell by more than half.",
            levels=("pupil", "school-wide"),
        ),
    ],
    AFL: [
        Topic(
            "Hinge questions in {year} science",
            "Do hinge questions mid-lesson help me spot misconceptions in time to act?",
            "I found out about misconceptions only when marking, too late to act.",
            "{year} science classes",
            ("Assessment for learning",),
            "Pupils answering the end-of-topic question correctly",
            "%",
            52,
            71,
            "End-of-topic tests showed the same misconceptions in every class.",
            "One multiple-choice hinge question halfway through each lesson, answered on mini whiteboards.",
            "Hinge questions in every lesson of two topics, with the next part of the lesson changed by the answers.",
            "I re-taught on the spot when more than a third chose a wrong answer.",
            "A single well-chosen question tells me more than asking the whole class if they understand.",
            "More pupils answered the end-of-topic question correctly.",
            fields=("practitioner", "public"),
        ),
        Topic(
            "Shared exit tickets across Year 6 and Year 7",
            "Do shared exit tickets in Years 6 and 7 help secondary teachers build on primary learning?",
            "Year 7 teachers start from scratch because they do not know what pupils learned in Year 6.",
            "Year 6 and Year 7 pupils",
            ("Assessment for learning", "Transition", "Use of data"),
            "Year 7 teachers who say they used Year 6 information",
            "%",
            15,
            60,
            "Few Year 7 teachers had seen anything of pupils' Year 6 work.",
            "Agree common exit tickets for the last Year 6 unit and the first Year 7 unit.",
            "Common exit tickets used in four primary schools and two secondary schools.",
            "Year 7 teachers changed their first lessons when they saw the Year 6 exit tickets.",
            "A small shared tool does more for transition than a long transfer document.",
            "Many more Year 7 teachers now use what pupils learned in Year 6.",
            levels=("pupil", "adult", "school-to-school"),
            fields=("practitioner", "co-constructed"),
        ),
        Topic(
            "Wait time and no hands up in {year}",
            "Does three seconds of wait time with no hands up increase who answers?",
            "The same few pupils answered every question.",
            "{year} classes",
            ("Assessment for learning",),
            "Pupils who answer at least once a lesson",
            "%",
            46,
            83,
            "Tallies showed fewer than half of pupils answered in a lesson.",
            "Wait three seconds after every question; choose who answers with named lolly sticks.",
            "No hands up and wait time in every lesson for a term, with a colleague observing twice.",
            "Quieter pupils answered more, and answers were longer.",
            "Wait time is uncomfortable at first for teachers, not for pupils.",
            "Most pupils now answer at least once a lesson.",
        ),
        Topic(
            "Feedback that pupils act on in {year}",
            "If feedback ends with one question to answer, do pupils act on it?",
            "Pupils read written feedback but did nothing with it.",
            "{year} English classes",
            ("Assessment for learning",),
            "Pieces where pupils responded to feedback",
            "%",
            30,
            74,
            "Book looks showed few pupils responded to written comments.",
            "End each piece of feedback with one question, and give ten minutes in the next lesson to answer it.",
            "Feedback as one question, with response time built into the next lesson.",
            "Pupils' answers to the question showed whether they had understood the feedback.",
            "Feedback is only as useful as the time given to act on it.",
            "Most pupils now respond to feedback.",
        ),
        Topic(
            "Success criteria built with pupils in {year}",
            "Do pupils write better when they build the success criteria with me?",
            "Pupils ticked success criteria without understanding them.",
            "{year} class",
            ("Assessment for learning", "Literacy"),
            "Pupils meeting all the success criteria",
            "%",
            40,
            62,
            "Pupils could not say what the success criteria meant in their own words.",
            "Look at two examples with pupils and build the success criteria together from them.",
            "Success criteria co-constructed with pupils at the start of each unit.",
            "Pupils referred to the criteria while writing and in peer feedback.",
            "Criteria that pupils have built from examples are the ones they use.",
            "More pupils now meet all the success criteria.",
        ),
        Topic(
            "Sharing question-level data with pupils in {year}",
            "Does sharing question-level data with pupils change how they revise?",
            "Pupils revised what they already knew.",
            "{year} mathematics classes",
            ("Use of data", "Assessment for learning"),
            "Pupils who can name their two weakest topics",
            "%",
            27,
            68,
            "Few pupils could say which topics they needed to revise.",
            "Give each pupil a question-level breakdown of their test and plan revision from it.",
            "Question-level data shared after each test, with a revision plan written in the lesson.",
            "Pupils chose revision tasks for their weakest topics.",
            "Data helps pupils when it is theirs and they plan from it at once.",
            "Most pupils can now name their two weakest topics.",
            levels=("pupil",),
        ),
    ],
    BAY: [
        Topic(
            "Reading for pleasure time in {year}",
            "Does twenty minutes of free-choice reading a day change how much {year} pupils read at home?",
            "Pupils read in school but rarely at home.",
            "{year} pupils",
            ("Literacy", "Parental engagement"),
            "Pupils reading at home three times a week or more",
            "%",
            36,
            55,
            "The reading survey showed few pupils read at home most days.",
            "Twenty minutes of free-choice reading every day, with books pupils may take home.",
            "Daily reading time and a class library chosen partly by pupils.",
            "Pupils recommended books to each other and took them home to finish.",
            "Choice matters: pupils read at home the books they chose themselves.",
            "More pupils now read at home three times a week or more.",
        ),
        Topic(
            "Book talk with a partner school in {year}",
            "Do book talk sessions with a partner school make pupils more willing to try new authors?",
            "Pupils read the same few authors.",
            "{year} pupils",
            ("Literacy", "Pupil voice"),
            "Pupils who tried a new author this term",
            "%",
            28,
            57,
            "Reading records showed pupils returning to the same series.",
            "Half-termly book talk by video call with a class in a partner school.",
            "Book talk sessions between two schools, with pupils recommending books to each other.",
            "Pupils were keen to read what pupils in the other school recommended.",
            "Recommendations from other pupils carry more weight than ours.",
            "Twice as many pupils tried a new author this term.",
            levels=("pupil", "school-to-school"),
        ),
        Topic(
            "Reading buddies across Year 6 and {year}",
            "Does pairing Year 6 readers with {year} readers improve the younger pupils' fluency?",
            "Some younger pupils had little chance to read aloud to anyone.",
            "{year} pupils",
            ("Literacy",),
            "Words read correctly in a minute",
            "words",
            62,
            81,
            "Fluency checks showed some younger pupils reading slowly and without expression.",
            "Year 6 buddies read with a younger pupil twice a week, trained to prompt rather than tell.",
            "Reading buddies twice a week for a term.",
            "The younger pupils read with more expression; the Year 6 buddies took the role seriously.",
            "Older pupils can be effective reading partners when they are trained to prompt.",
            "The younger pupils read more words correctly in a minute.",
        ),
    ],
}

# For each network, in the order enquiries are started: (stage reached, sharing).
PLAN = [
    (Stage.SHARE, Sharing.PUBLIC),
    (Stage.SHARE, Sharing.CONSORTIUM),
    (Stage.REFLECT, Sharing.CONSORTIUM),
    (Stage.REFLECT, Sharing.NETWORK),
    (Stage.OBSERVE, Sharing.SCHOOL),
    (Stage.OBSERVE, Sharing.NETWORK),
    (Stage.IMPLEMENT, Sharing.NETWORK),
    (Stage.IMPLEMENT, Sharing.PRIVATE),
    (Stage.PLAN, Sharing.SCHOOL),
    (Stage.PLAN, Sharing.PRIVATE),
    (Stage.INVESTIGATE, Sharing.PRIVATE),
]
BAY_PLAN = [
    (Stage.SHARE, Sharing.CONSORTIUM),
    (Stage.REFLECT, Sharing.NETWORK),
    (Stage.OBSERVE, Sharing.SCHOOL),
    (Stage.IMPLEMENT, Sharing.NETWORK),
    (Stage.PLAN, Sharing.PRIVATE),
    (Stage.INVESTIGATE, Sharing.PRIVATE),
]
YEAR_GROUPS = {
    WRITING: ["Year 6", "Year 4"],
    MATHS: ["Year 3", "Year 4"],
    VOICE: ["Year 6", "Year 8", "Year 9"],
    AFL: ["Year 7", "Year 6", "Year 8"],
    BAY: ["Year 4", "Year 3"],
}
COMMENT_TEXTS = {
    CommentKind.QUESTION: [
        "How did you choose the pupils for the baseline sample?",
        "Did the pupils who did best have anything in common?",
        "Would this work in a mixed-age class like mine?",
    ],
    CommentKind.SUGGESTION: [
        "You could ask a colleague to mark the outcome sample blind, to check the judgements.",
        "It would be worth comparing with a class that did not take part.",
        "Try recording a few pupils explaining their work: it would show the change well.",
    ],
    CommentKind.STRENGTH: [
        "The baseline is clear and dated, so the change is easy to see.",
        "I like that the pupils' own words are part of the evidence.",
        "Really practical: I could start this with my class next week.",
    ],
    CommentKind.NOTE: [
        "We tried something similar last year; I have added our notes to the network folder.",
        "Our school is starting the same enquiry with Year 4 after half term.",
    ],
}
# Strength of each finished enquiry's main claim, in turn, so every strength appears.
STRENGTHS = [
    Strength.DATA,
    Strength.COMPARISON,
    Strength.PUPILS_WORK,
    Strength.DATA,
    Strength.OBSERVATION,
    Strength.ANECDOTE,
]
LINK = "https://educationendowmentfoundation.org.uk/education-evidence/teaching-learning-toolkit"


def _members(network: Network) -> list[tuple[User, School]]:
    """The network's members who teach in one of its schools, each with that school."""
    schools = {s.pk: s for s in network.schools.all()}
    members = {
        m.user_id
        for m in Membership.objects.filter(network=network, role__in=[Role.NETWORK_MEMBER, Role.NETWORK_CO_LEADER])
    }
    found = {}
    for m in (
        Membership.objects.filter(user_id__in=members, school_id__in=schools, role=Role.SCHOOL_STAFF)
        .select_related("user")
        .order_by("pk")
    ):
        found.setdefault(m.user_id, (m.user, schools[m.school_id]))
    return list(found.values())


def _timeline(year, started: date, moves: int) -> list:
    """When the enquiry started and each later stage began: spread from the start to a few days ago."""
    end = max(year.days_ago(3), started + timedelta(days=moves + 1))
    span = (end - started).days
    days = sorted(year.school_day(started + timedelta(days=round(span * (n + 1) / (moves + 1)))) for n in range(moves))
    days = [min(day, year.days_ago(1)) for day in days]
    return [year.at(started, 16), *(year.at(day, 16, 30) for day in days)]


# The approach each topic tries, from the consortium's list, so "what works here" can put the
# enquiries that share one side by side.
APPROACH_OF = {
    "Oral rehearsal and boys' paragraphing in {year}": "Oral rehearsal before writing",
    "Talk partners before extended writing in {year}": "Oral rehearsal before writing",
    "'Say it, then write it' routines in {year}": "Oral rehearsal before writing",
    "Peer editing stations for {year} writers": "Feedback and marking",
    "Bar models for comparing fractions in {year}": "Mastery learning",
    "Fractions on a number line in {year}": "Mastery learning",
    "Place value with base-ten equipment in {year}": "Mastery learning",
    "A research lesson on multiplication arrays in {year}": "Research lesson",
    "Pupil learning walks in {year}": "Pupil voice groups",
    "Pupil voice in designing Year 7 transition": "Pupil voice groups",
    "Pupils as enquiry visitors to partner schools in {year}": "Enquiry visit",
    "Pupil voice in my lesson planning in {year}": "Pupil voice groups",
    "Feedback that pupils act on in {year}": "Feedback and marking",
    "Shared exit tickets across Year 6 and Year 7": "Feedback and marking",
    "Book talk with a partner school in {year}": "Reading comprehension strategies",
    "Reading buddies across Year 6 and {year}": "Peer tutoring",
}


def _approach(network: Network, topic: Topic) -> Approach | None:
    name = APPROACH_OF.get(topic.title)
    return Approach.objects.filter(consortium_id=network.consortium_id, name=name).first() if name else None


def _areas(network: Network, names) -> list[PracticeArea]:
    found = {a.name: a for a in PracticeArea.objects.filter(consortium_id=network.consortium_id, name__in=names)}
    return [found[name] for name in names if name in found]


@dataclass(frozen=True)
class _Seed:
    """What each enquiry of one network is made with: the demo, the network's own random stream, its
    members (critical friends and colleagues are drawn from them), the levels of learning and fields
    of knowledge by slug, and the counts that spread files and strengths across the networks."""

    ctx: DemoContext
    rng: random.Random
    network: Network
    members: list[tuple[User, School]]
    levels: dict[str, LevelOfLearning]
    fields: dict[str, FieldOfKnowledge]
    counter: dict[str, int]


def seed_enquiries(ctx: DemoContext) -> None:
    """The enquiries of every demo network that has none yet."""
    levels = {level.slug: level for level in LevelOfLearning.objects.all()}
    fields = {f.slug: f for f in FieldOfKnowledge.objects.all()}
    if not levels or not fields:
        raise RuntimeError("The levels of learning are missing: run manage.py migrate first.")
    teacher, bay_teacher = ctx.logins["teacher"], ctx.logins["bay-teacher"]
    counter = {"files": 0, "strength": 0}
    for network in ctx.networks:
        if Enquiry.objects.filter(network=network).exists():
            continue
        rng = ctx.stream(f"enquiry:{network.slug}")
        bay = network.consortium_id == ctx.bay.pk
        plan = BAY_PLAN if bay else PLAN
        topics = TOPICS[network.name]
        members = _members(network)
        demo_owner = bay_teacher if bay else teacher if network.pk == ctx.writing.pk else None
        others = [(u, s) for u, s in members if demo_owner is None or u.pk != demo_owner.pk]
        rng.shuffle(others)
        demo_school = next((s for u, s in members if demo_owner and u.pk == demo_owner.pk), None)
        seed = _Seed(ctx, rng, network, members, levels, fields, counter)
        for number, (stage, sharing) in enumerate(plan):
            topic = topics[number % len(topics)]
            year_group = YEAR_GROUPS[network.name][(number // len(topics)) % len(YEAR_GROUPS[network.name])]
            owner, school = others[number % len(others)]
            if demo_owner is not None and number == 3:
                # The demo teacher's shared enquiry: journey 4, oral rehearsal in Year 5.
                topic, year_group, stage, sharing = topics[0], "Year 5", Stage.REFLECT, Sharing.CONSORTIUM
                owner, school = demo_owner, demo_school
            if demo_owner is not None and number == len(plan) - 2:
                # ... and one still private, at the planning stage.
                topic, year_group, stage, sharing = topics[2], "Year 5", Stage.PLAN, Sharing.PRIVATE
                owner, school = demo_owner, demo_school
            started = ctx.year.school_day(ctx.year.start + timedelta(days=6 + number * 3 + rng.randint(0, 4)))
            started = min(started, ctx.year.days_ago(30 + (len(plan) - number)))
            suffix = f" ({school.name})" if number >= len(topics) and "{year}" not in topic.title else ""
            exact = demo_owner is not None and owner.pk == demo_owner.pk
            _one(seed, topic, year_group, owner, school, stage, sharing, started, suffix, exact)


def _one(seed: _Seed, topic: Topic, year_group, owner, school, stage, sharing, started, suffix, exact):
    ctx, rng, network, members, counter = seed.ctx, seed.rng, seed.network, seed.members, seed.counter
    year = ctx.year
    fill = {"year": year_group}
    reached = Stage.position(stage)
    stages = list(Stage.values)[:reached]
    moments = _timeline(year, started, len(stages) - 1)
    text = {
        "title": (topic.title.format(**fill) + suffix)[:200],
        "question": topic.question.format(**fill),
        "why_it_matters": topic.why,
        "pupil_group": topic.pupils.format(**fill),
        "pupil_count": rng.randint(12, 30),
        "current_provision": topic.provision,
        "plan": topic.plan if reached >= 2 else "",
        "changes": topic.change if reached >= 3 else "",
        "observations": topic.observed if reached >= 4 else "",
        "conclusions": topic.conclude if reached >= 5 else "",
    }
    enquiry = enquiry_create(
        owner=owner,
        school=school,
        network=network,
        practice_areas=_areas(network, topic.areas),
        approach=_approach(network, topic),
        levels=[seed.levels[slug] for slug in topic.levels if slug in seed.levels],
        knowledge_fields=[seed.fields[slug] for slug in topic.fields if slug in seed.fields],
        **text,
    )
    for to_stage in stages[1:]:
        enquiry_move_stage(enquiry=enquiry, to_stage=to_stage, by=owner)
    for change, moment in zip(enquiry.stage_changes.order_by("pk"), moments, strict=True):
        backdate(StageChange, change.pk, changed_at=moment, created_at=moment, updated_at=moment)
    ctx.created["enquiries"] += 1

    def add(moment, kind, stage, **values):
        """One piece of the owner's evidence, dated back to when the story says it was added."""
        evidence = evidence_add(enquiry=enquiry, kind=kind, by=owner, stage=stage, **values)
        backdate(Evidence, evidence.pk, created_at=moment, updated_at=moment)
        ctx.created["evidence"] += 1
        return evidence

    def add_file(moment, title, upload):
        """One of the files the owner shows at the observe stage, checked as an upload is."""
        return add(moment, EvidenceKind.FILE, Stage.OBSERVE, title=title, upload=upload, detected=check_upload(upload))

    add(
        moments[0] + timedelta(days=2),
        EvidenceKind.NOTE,
        Stage.INVESTIGATE,
        title="What we found first",
        note=topic.provision,
    )
    baseline_on = (moments[0] + timedelta(days=9)).date()
    observed = reached >= 4
    outcome = topic.outcome + rng.randint(-3, 3) if topic.unit == "%" and not exact else topic.outcome
    measure = add(
        year.at(baseline_on, 17),
        EvidenceKind.MEASURE,
        Stage.INVESTIGATE,
        measure=topic.measure,
        unit=topic.unit,
        baseline_value=Decimal(topic.baseline),
        baseline_on=baseline_on,
        outcome_value=Decimal(outcome) if observed else None,
        outcome_on=moments[3].date() if observed else None,
    )
    if reached >= 3 and rng.random() < 0.5:
        add(
            moments[1] + timedelta(hours=2),
            EvidenceKind.LINK,
            Stage.PLAN,
            title="The research we started from",
            url=LINK,
        )
    if reached >= 3:
        add(
            moments[2] + timedelta(days=5),
            EvidenceKind.NOTE,
            Stage.IMPLEMENT,
            title="How it went in the first weeks",
            note=topic.change,
        )
    if observed and counter["files"] < 24:
        counter["files"] += 2
        chart = SimpleUploadedFile(
            "results-chart.png", bar_chart_png([topic.baseline, outcome], top=max(100, outcome * 1.2))
        )
        add_file(moments[3] + timedelta(hours=3), "Baseline and outcome", chart)
        lines = [
            f"Question: {text['question']}",
            f"Pupils: {text['pupil_group']} ({text['pupil_count']})",
            f"{topic.measure}: {topic.baseline}{topic.unit if topic.unit == '%' else ' ' + topic.unit}"
            f" at the start, {outcome}{topic.unit if topic.unit == '%' else ' ' + topic.unit} at the end.",
            f"What we changed: {topic.change}",
            f"What we saw: {topic.observed}",
        ]
        summary = SimpleUploadedFile("summary-for-staff-meeting.pdf", one_page_pdf(text["title"], lines))
        add_file(moments[3] + timedelta(hours=4), "Summary for the staff meeting", summary)
    if observed:
        strength = STRENGTHS[counter["strength"] % len(STRENGTHS)]
        counter["strength"] += 1
        claim = impact_claim_add(
            enquiry=enquiry, by=owner, area=ImpactArea.PUPILS, claim=topic.claim, strength=strength, evidence=measure
        )
        backdate(ImpactClaim, claim.pk, created_at=moments[3] + timedelta(days=1))
        ctx.created["impact claims"] += 1
        if reached >= 5:
            claim = impact_claim_add(
                enquiry=enquiry,
                by=owner,
                area=ImpactArea.PRACTICE,
                claim=f"Our practice changed: {topic.conclude[0].lower()}{topic.conclude[1:]}",
                strength=Strength.OBSERVATION,
            )
            backdate(ImpactClaim, claim.pk, created_at=moments[4] + timedelta(days=1))
            ctx.created["impact claims"] += 1
    # A critical friend from another school of the network, once the plan is made.
    friends = [u for u, s in members if s.pk != school.pk and u.pk != owner.pk]
    last = moments[-1]
    seen = last
    if reached >= 2 and friends:
        friend = friends[rng.randrange(len(friends))]
        collaborator_invite(enquiry=enquiry, email=friend.email, role=CollaboratorRole.CRITICAL_FRIEND, by=owner)
        ctx.created["collaborators"] += 1
        kinds = list(CommentKind.values)
        count = min(4, reached - 1)
        comments = []
        offset = rng.randrange(4)
        for n in range(count):
            kind = kinds[(n + offset) % 4]
            when = moments[min(n + 1, len(moments) - 1)] + timedelta(days=2, hours=n)
            comments.append(
                (
                    Comment.objects.create(
                        enquiry=enquiry, author=friend, kind=kind, text=rng.choice(COMMENT_TEXTS[kind])
                    ),
                    when,
                )
            )
        for comment, when in comments:
            backdate(Comment, comment.pk, created_at=when, updated_at=when)
        ctx.created["comments"] += len(comments)
        if comments:
            last = max(last, max(when for _, when in comments))
            # The owner has seen all but the newest comment on a shared enquiry of theirs.
            seen = comments[-2][1] if len(comments) > 1 and sharing != Sharing.PRIVATE else last
    if reached >= 3 and rng.random() < 0.4:
        colleagues = [u for u, s in members if s.pk == school.pk and u.pk != owner.pk]
        if colleagues:
            collaborator_invite(enquiry=enquiry, email=colleagues[0].email, role=CollaboratorRole.CO_ENQUIRER, by=owner)
            ctx.created["collaborators"] += 1
    shared_at = None
    if sharing != Sharing.PRIVATE:
        enquiry_share(enquiry=enquiry, sharing=sharing)
        shared_at = moments[-1] + timedelta(hours=1)
    backdate(
        Enquiry,
        enquiry.pk,
        created_at=moments[0],
        updated_at=max(last, shared_at or last),
        stage_changed_at=moments[-1],
        owner_seen_at=seen,
        shared_at=shared_at,
    )
