"""The practice-area taxonomy every new consortium starts with (DESIGN.md section 2).

Drawn from the areas the seed texts name: assessment for learning, literacy and numeracy, pupil
voice, wellbeing, use of data (seeds 001-004). Each consortium edits its own copy afterwards.
Each area is (English, Welsh): the Welsh is the name a Welsh reader sees (networks.bilingual).
"""

DEFAULT_PRACTICE_AREAS = [
    ("Assessment for learning", "Asesu ar gyfer dysgu"),
    ("Literacy", "Llythrennedd"),
    ("Numeracy", "Rhifedd"),
    ("Pupil voice", "Llais y disgybl"),
    ("Wellbeing", "Lles"),
    ("Use of data", "Defnyddio data"),
    ("Behaviour for learning", "Ymddygiad ar gyfer dysgu"),
    ("Curriculum design", "Cynllunio'r cwricwlwm"),
    ("Additional learning needs", "Anghenion dysgu ychwanegol"),
    ("Early years", "Y blynyddoedd cynnar"),
    ("Transition", "Pontio"),
    ("Thinking skills", "Sgiliau meddwl"),
    ("Leadership development", "Datblygu arweinyddiaeth"),
    ("Coaching and mentoring", "Hyfforddi a mentora"),
    ("Parental engagement", "Ymgysylltu â rhieni"),
]
