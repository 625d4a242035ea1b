"""Reference data in Welsh: the two shipped frameworks, their features and questions (issue 16).

The English is networks 0003's, frozen here beside the Welsh; a row gets its Welsh only where its
English is still the shipped wording and it has no Welsh yet, so a feature or question an operator
has reworded keeps showing its English until someone writes the Welsh of the new wording. Reversing
clears exactly the Welsh this migration wrote (where it is still this wording), and nothing else.

The Welsh is plain Welsh written for the platform, in the terms Welsh school networks use
(rhwydweithiau dysgu, atebolrwydd, meithrin gallu); it is not an official translation of the sources.
Each entry is (English, Welsh).
"""

from django.db import migrations

SEVEN_KEY_FEATURES = {
    "name": ("Seven key features of learning networks", "Saith nodwedd allweddol rhwydweithiau dysgu"),
    "description": (
        "Phases 1 and 2 of the evaluation of the Networked Learning Communities programme identified "
        "seven 'key features' of learning networks that appear to be significant. Together they are "
        "essential ingredients in creating and sharing professional knowledge and changing practice, "
        "which in turn generate impact on pupil learning, engagement and success.",
        "Nododd camau 1 a 2 y gwerthusiad o'r rhaglen Cymunedau Dysgu Rhwydweithiol saith 'nodwedd "
        "allweddol' o rwydweithiau dysgu sy'n ymddangos yn arwyddocaol. Gyda'i gilydd, maent yn gynhwysion "
        "hanfodol wrth greu a rhannu gwybodaeth broffesiynol a newid arferion, ac mae'r rheini yn eu tro yn "
        "cael effaith ar ddysgu, ymgysylltiad a llwyddiant disgyblion.",
    ),
    "features": {
        "purpose-and-focus": {
            "name": ("Purpose and focus", "Diben a ffocws"),
            "description": (
                "Establishing an explicit statement of purpose about classroom practice, school improvement "
                "and/or student learning moves a professional network towards clear and purposeful actions.",
                "Mae llunio datganiad diben clir am arferion yr ystafell ddosbarth, gwella ysgolion a/neu "
                "ddysgu disgyblion yn symud rhwydwaith proffesiynol tuag at gamau clir a phwrpasol.",
            ),
            "questions": [
                (
                    "How closely is the network focus linked to teaching and learning?",
                    "Pa mor agos yw'r cysylltiad rhwng ffocws y rhwydwaith ac addysgu a dysgu?",
                ),
                (
                    "Is there research-based evidence that the network focus enhances teaching and/or learning?",
                    "A oes tystiolaeth o ymchwil fod ffocws y rhwydwaith yn gwella addysgu a/neu ddysgu?",
                ),
                (
                    "How closely is the network focus connected to the needs of the students?",
                    "Pa mor agos yw'r cysylltiad rhwng ffocws y rhwydwaith ac anghenion y disgyblion?",
                ),
                (
                    "How explicit is the network focus? Can participants describe what they intend to 'do' in "
                    "detail so that it is concrete and useful to others?",
                    "Pa mor eglur yw ffocws y rhwydwaith? A all y cyfranogwyr ddisgrifio'n fanwl yr hyn y maent "
                    "yn bwriadu ei 'wneud', fel ei fod yn bendant ac yn ddefnyddiol i eraill?",
                ),
                (
                    "Is the network focus widely shared as a priority in the network schools?",
                    "A yw ysgolion y rhwydwaith yn gyffredinol yn rhannu ffocws y rhwydwaith fel blaenoriaeth?",
                ),
                (
                    "How challenging is the focus? Will it foster new thinking and changes in practices?",
                    "Pa mor heriol yw'r ffocws? A fydd yn meithrin syniadau newydd a newidiadau mewn arferion?",
                ),
            ],
        },
        "relationships": {
            "name": ("Relationships", "Perthnasoedd"),
            "description": (
                "Networks are a function of the ongoing and dynamic interactions between members of the group. "
                "Strong group cohesion is based on and engenders trust, mutual accountability and an agreed "
                "upon sharing of power, which in turn strengthens relationships and commitment to shared goals "
                "and social norms.",
                "Mae rhwydweithiau'n deillio o'r rhyngweithio parhaus a bywiog rhwng aelodau'r grŵp. Mae grŵp "
                "clòs yn seiliedig ar ymddiriedaeth, atebolrwydd i'w gilydd a rhannu grym mewn ffordd y "
                "cytunwyd arni, ac mae'n meithrin y pethau hynny; mae hyn yn ei dro yn cryfhau perthnasoedd ac "
                "ymrwymiad i nodau a normau cymdeithasol cyffredin.",
            ),
            "questions": [
                (
                    "Do staff members have a common language about professional practice?",
                    "A oes gan aelodau staff iaith gyffredin am ymarfer proffesiynol?",
                ),
                (
                    "Are staff members aware of the expertise of others?",
                    "A yw aelodau staff yn ymwybodol o arbenigedd pobl eraill?",
                ),
                (
                    "Do staff members feel responsible for ensuring that they are all doing their professional best?",
                    "A yw aelodau staff yn teimlo'n gyfrifol am sicrhau eu bod i gyd yn gwneud eu gorau glas yn "
                    "broffesiynol?",
                ),
                (
                    "Do staff members trust one another and believe in one another's integrity?",
                    "A yw aelodau staff yn ymddiried yn ei gilydd ac yn credu yn uniondeb ei gilydd?",
                ),
                (
                    "Do staff members feel as if they can depend on one another?",
                    "A yw aelodau staff yn teimlo y gallant ddibynnu ar ei gilydd?",
                ),
            ],
        },
        "collaboration": {
            "name": ("Collaboration", "Cydweithio"),
            "description": (
                "Collaboration within networks is intended to engage practitioners in opening up beliefs and "
                "practices in order to provide them with opportunities to participate actively in the "
                "development of their own practice and that of the profession.",
                "Nod cydweithio mewn rhwydweithiau yw cael ymarferwyr i agor eu credoau a'u harferion i eraill, "
                "er mwyn rhoi cyfleoedd iddynt gymryd rhan weithredol yn natblygiad eu hymarfer eu hunain ac "
                "ymarfer y proffesiwn.",
            ),
            "questions": [
                (
                    "Do staff members discuss professional issues regularly? Are the issues directly tied to "
                    "curriculum, learning, and instruction?",
                    "A yw aelodau staff yn trafod materion proffesiynol yn rheolaidd? A yw'r materion yn "
                    "ymwneud yn uniongyrchol â'r cwricwlwm, dysgu ac addysgu?",
                ),
                (
                    "Do staff members work together to solve professional problems?",
                    "A yw aelodau staff yn gweithio gyda'i gilydd i ddatrys problemau proffesiynol?",
                ),
                (
                    "Do staff members seek out and offer professional advice to one another?",
                    "A yw aelodau staff yn gofyn i'w gilydd am gyngor proffesiynol ac yn cynnig cyngor i'w gilydd?",
                ),
                (
                    "Do staff members observe one another's teaching and offer commentary?",
                    "A yw aelodau staff yn arsylwi ar addysgu ei gilydd ac yn rhoi sylwadau arno?",
                ),
                (
                    "Are staff members open to feedback from their colleagues?",
                    "A yw aelodau staff yn agored i adborth gan eu cydweithwyr?",
                ),
            ],
        },
        "enquiry": {
            "name": ("Enquiry", "Ymholi"),
            "description": (
                "Enquiry is the process for systematically and intentionally exploring and considering "
                "information from research, from experts and from each other, in support of decision-making "
                "and problem-solving. Collaborative enquiry involves thinking about, reflecting on, and "
                "challenging individual and collective experiences, in order to come to a deepened "
                "understanding of shared beliefs and practices.",
                "Ymholi yw'r broses o archwilio ac ystyried gwybodaeth o ymchwil, gan arbenigwyr a chan ein "
                "gilydd, yn systematig ac yn fwriadol, er mwyn cefnogi penderfyniadau a datrys problemau. Mae "
                "ymholi cydweithredol yn golygu meddwl am brofiadau unigol a chyfunol, myfyrio arnynt a'u "
                "herio, er mwyn dod i ddealltwriaeth ddyfnach o gredoau ac arferion cyffredin.",
            ),
            "questions": [
                (
                    "Do staff members discuss one another's views about teaching and learning?",
                    "A yw aelodau staff yn trafod barn ei gilydd am addysgu a dysgu?",
                ),
                (
                    "Do staff members systematically use data and evidence to make decisions?",
                    "A yw aelodau staff yn defnyddio data a thystiolaeth yn systematig i wneud penderfyniadau?",
                ),
                (
                    "Do staff members share and draw on research about teaching and learning to influence their "
                    "practices?",
                    "A yw aelodau staff yn rhannu ymchwil am addysgu a dysgu, ac yn defnyddio'r ymchwil honno i "
                    "lywio eu harferion?",
                ),
                (
                    "Do staff members learn from failed initiatives?",
                    "A yw aelodau staff yn dysgu o fentrau a fethodd?",
                ),
                (
                    "Do staff members consider a range of alternatives before making decisions about teaching?",
                    "A yw aelodau staff yn ystyried amrywiaeth o ddewisiadau cyn gwneud penderfyniadau am addysgu?",
                ),
            ],
        },
        "leadership": {
            "name": ("Leadership", "Arweinyddiaeth"),
            "description": (
                "Leadership in networked learning communities is both far-sighted and pragmatic and is "
                "different throughout the life-cycle of the network. Networked learning communities encourage "
                "a broad base of leadership in schools and across the network, with many people (with and "
                "without formal positions of authority) providing a range of leadership functions.",
                "Mae arweinyddiaeth mewn cymunedau dysgu rhwydweithiol yn edrych ymhell ymlaen ac yn ymarferol, "
                "ac mae'n newid drwy gydol oes y rhwydwaith. Mae cymunedau dysgu rhwydweithiol yn annog sylfaen "
                "eang o arweinyddiaeth mewn ysgolion ac ar draws y rhwydwaith, gyda llawer o bobl (gyda swyddi "
                "awdurdod ffurfiol a hebddynt) yn cyflawni amrywiaeth o swyddogaethau arwain.",
            ),
            "questions": [
                (
                    "Has the administrative team involved the staff in a process for determining or refining a "
                    "focus for the school?",
                    "A yw'r tîm gweinyddol wedi cynnwys y staff mewn proses i bennu neu fireinio ffocws i'r ysgol?",
                ),
                (
                    "Are staff members involved in leadership activities like setting goals, coordinating or "
                    "facilitating programmes, etc.?",
                    "A yw aelodau staff yn cymryd rhan mewn gweithgareddau arwain fel gosod nodau, cydlynu neu "
                    "hwyluso rhaglenni, ac ati?",
                ),
                (
                    "Do staff members actively work to enable colleagues to have access to resources or the "
                    "flexibility to participate in professional activities within and beyond the school?",
                    "A yw aelodau staff yn gweithio'n weithredol i sicrhau bod cydweithwyr yn cael adnoddau, neu'r "
                    "hyblygrwydd i gymryd rhan mewn gweithgareddau proffesiynol yn yr ysgol a thu hwnt iddi?",
                ),
            ],
        },
        "accountability": {
            "name": ("Accountability", "Atebolrwydd"),
            "description": (
                "Accountability within networks includes both providing transparent and informative "
                "'statements of account' to others, and active self-monitoring to support and challenge the "
                "work of the group, in the process of striving for improvement. Accountability in a learning "
                "network also implies a sense of responsibility for the quality of work and of value for "
                "pupils across all the schools.",
                "Mae atebolrwydd mewn rhwydweithiau yn golygu rhoi 'adroddiadau atebolrwydd' tryloyw ac "
                "addysgiadol i eraill, a hunanfonitro gweithredol i gefnogi a herio gwaith y grŵp, wrth ymdrechu "
                "i wella. Mae atebolrwydd mewn rhwydwaith dysgu hefyd yn awgrymu ymdeimlad o gyfrifoldeb am "
                "ansawdd y gwaith, ac am ei werth i ddisgyblion ym mhob un o'r ysgolion.",
            ),
            "questions": [
                (
                    "Do staff members accept responsibility for the improvement process?",
                    "A yw aelodau staff yn derbyn cyfrifoldeb am y broses wella?",
                ),
                (
                    "Do staff members communicate with each other about how well students in the school are doing "
                    "and about school improvement activities?",
                    "A yw aelodau staff yn siarad â'i gilydd am ba mor dda y mae disgyblion yr ysgol yn dod ymlaen, "
                    "ac am weithgareddau i wella'r ysgol?",
                ),
                (
                    "Do staff members communicate with parents and the community about how well students in the "
                    "school are doing and about school improvement activities?",
                    "A yw aelodau staff yn siarad â rhieni a'r gymuned am ba mor dda y mae disgyblion yr ysgol yn "
                    "dod ymlaen, ac am weithgareddau i wella'r ysgol?",
                ),
            ],
        },
        "building-capacity-and-support": {
            "name": ("Building capacity and support", "Meithrin gallu a chymorth"),
            "description": (
                "Significant change in schools is a function of 'high pressure and high support'. Networking "
                "initiatives require planned strategies for building capacity for change and improvement "
                "within schools and between schools.",
                "Mae newid sylweddol mewn ysgolion yn deillio o 'bwysau mawr a chymorth mawr'. Mae mentrau "
                "rhwydweithio yn gofyn am strategaethau wedi'u cynllunio i feithrin gallu i newid a gwella, o "
                "fewn ysgolion a rhwng ysgolion.",
            ),
            "questions": [
                (
                    "Is there support for staff members to learn about new initiatives and participate in ongoing "
                    "professional learning?",
                    "A oes cymorth i aelodau staff ddysgu am fentrau newydd a chymryd rhan mewn dysgu proffesiynol "
                    "parhaus?",
                ),
                (
                    "Are staff members involved in ongoing professional learning?",
                    "A yw aelodau staff yn cymryd rhan mewn dysgu proffesiynol parhaus?",
                ),
            ],
        },
    },
}

EIGHT_CHARACTERISTICS = {
    "name": (
        "Eight characteristics of effective professional learning communities",
        "Wyth nodwedd cymunedau dysgu proffesiynol effeithiol",
    ),
    "description": (
        "The key characteristics of effective professional learning communities, which a project leader "
        "shapes a network of schools to develop. Schools are at different stages in their evolution as "
        "professional learning communities, from 'early starters' through 'developers' to 'mature'. Rate "
        "each statement for our school and network.",
        "Nodweddion allweddol cymunedau dysgu proffesiynol effeithiol, y mae arweinydd prosiect yn llywio "
        "rhwydwaith o ysgolion i'w datblygu. Mae ysgolion ar wahanol gamau yn eu datblygiad fel cymunedau "
        "dysgu proffesiynol, o 'ddechreuwyr cynnar' drwy 'ddatblygwyr' i 'aeddfed'. Rhowch sgôr i bob "
        "datganiad ar gyfer ein hysgol a'n rhwydwaith.",
    ),
    "features": {
        "shared-values-and-vision": {
            "name": ("Shared values and vision", "Gwerthoedd a gweledigaeth gyffredin"),
            "questions": [
                (
                    "Staff share values and a vision centred on pupils' learning.",
                    "Mae'r staff yn rhannu gwerthoedd a gweledigaeth sy'n canolbwyntio ar ddysgu disgyblion.",
                ),
            ],
        },
        "collective-responsibility": {
            "name": ("Collective responsibility for pupils' learning", "Cyfrifoldeb ar y cyd am ddysgu disgyblion"),
            "questions": [
                (
                    "Staff take collective responsibility for pupils' learning.",
                    "Mae'r staff yn cymryd cyfrifoldeb ar y cyd am ddysgu disgyblion.",
                ),
            ],
        },
        "reflective-professional-enquiry": {
            "name": ("Reflective professional enquiry", "Ymholi proffesiynol myfyriol"),
            "questions": [
                (
                    "Staff engage in reflective professional enquiry, through regular cycles of planning, enquiry, "
                    "implementation and review.",
                    "Mae'r staff yn ymholi'n broffesiynol ac yn fyfyriol, drwy gylchoedd rheolaidd o gynllunio, "
                    "ymholi, gweithredu ac adolygu.",
                ),
            ],
        },
        "collaboration-on-learning-and-wellbeing": {
            "name": (
                "Collaboration focused on learning and wellbeing",
                "Cydweithio sy'n canolbwyntio ar ddysgu a lles",
            ),
            "questions": [
                (
                    "Staff collaborate, and their collaboration is focused on learning and wellbeing.",
                    "Mae'r staff yn cydweithio, ac mae eu cydweithio'n canolbwyntio ar ddysgu a lles.",
                ),
            ],
        },
        "group-and-individual-learning": {
            "name": ("Group as well as individual learning", "Dysgu fel grŵp yn ogystal ag fel unigolion"),
            "questions": [
                (
                    "Staff learn together in groups as well as individually.",
                    "Mae'r staff yn dysgu gyda'i gilydd mewn grwpiau yn ogystal ag yn unigol.",
                ),
            ],
        },
        "openness-networks-and-partnership": {
            "name": ("Openness, networks and partnership", "Bod yn agored, rhwydweithiau a phartneriaeth"),
            "questions": [
                (
                    "Our school is outward-looking: open to learning with others through networks and partnership.",
                    "Mae ein hysgol yn edrych tuag allan: yn agored i ddysgu gydag eraill drwy rwydweithiau a "
                    "phartneriaeth.",
                ),
            ],
        },
        "inclusive-membership": {
            "name": ("Inclusive membership", "Aelodaeth gynhwysol"),
            "questions": [
                (
                    "Membership of our professional learning community is inclusive of all staff.",
                    "Mae aelodaeth ein cymuned ddysgu broffesiynol yn agored i'r holl staff.",
                ),
            ],
        },
        "mutual-trust-respect-and-support": {
            "name": ("Mutual trust, respect and support", "Ymddiriedaeth, parch a chefnogaeth i'w gilydd"),
            "questions": [
                (
                    "Staff trust, respect and support one another.",
                    "Mae'r staff yn ymddiried yn ei gilydd, yn parchu ei gilydd ac yn cefnogi ei gilydd.",
                ),
            ],
        },
    },
}

FRAMEWORKS = {"seven-key-features": SEVEN_KEY_FEATURES, "eight-characteristics": EIGHT_CHARACTERISTICS}


def _fill(rows, field, pair, forwards):
    """Write the Welsh of `field` on rows whose English is still `pair`'s; or clear it again."""
    english, welsh = pair
    rows = rows.filter(**{field: english})
    if forwards:
        rows.filter(**{f"{field}_cy": ""}).update(**{f"{field}_cy": welsh})
    else:
        rows.filter(**{f"{field}_cy": welsh}).update(**{f"{field}_cy": ""})


def _apply(apps, forwards):
    Framework = apps.get_model("reviews", "Framework")
    Feature = apps.get_model("reviews", "Feature")
    Question = apps.get_model("reviews", "Question")
    for slug, data in FRAMEWORKS.items():
        frameworks = Framework.objects.filter(slug=slug)
        for field in ("name", "description"):
            _fill(frameworks, field, data[field], forwards)
        for feature_slug, feature_data in data["features"].items():
            features = Feature.objects.filter(framework__slug=slug, slug=feature_slug)
            for field in ("name", "description"):
                if field in feature_data:
                    _fill(features, field, feature_data[field], forwards)
            questions = Question.objects.filter(feature__framework__slug=slug, feature__slug=feature_slug)
            for pair in feature_data["questions"]:
                _fill(questions, "text", pair, forwards)


def write_welsh(apps, schema_editor):
    _apply(apps, forwards=True)


def clear_welsh(apps, schema_editor):
    _apply(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0004_welsh_fields"),
    ]

    operations = [
        migrations.RunPython(write_welsh, clear_welsh),
    ]
