"""The Welsh of the shipped activity types, their steps and the innovation-cycle phases (issue 16).

Frozen here, as written: never read from the live modules. A type and a phase are found by their
slug; a step by its type and its English, so a step an operator has reworded keeps no Welsh that
no longer says the same. Only empty Welsh is filled, so an operator's own wording stays; reversing
empties the Welsh this migration wrote, and only that.
"""

from django.db import migrations

PHASES_CY = {
    "agenda-formation": ("Llunio'r agenda", "Penderfynu beth i'w wella; dysgu beth mae eraill yn ei wneud eisoes."),
    "selection": ("Dewis", "Dewis y dull i'w fabwysiadu neu i'w addasu."),
    "implementation": ("Gweithredu", "Rhoi'r newid ar waith, gyda her a chefnogaeth."),
    "review-and-embedding": ("Adolygu ac ymgorffori", "Adolygu'r dystiolaeth a gwneud yn siŵr bod y newid yn para."),
}

# slug: the Welsh of each field, and each step as (its English, its Welsh).
TYPES_CY = {
    "learning-visit": {
        "name": "Ymweliad dysgu",
        "what": (
            "Ffordd o roi cyfle i athrawon weld arfer da drostyn nhw eu hunain mewn ysgol arall ac ystyried a "
            "fyddai'n gweithio yn eu hysgol eu hunain."
        ),
        "when_to_use": (
            "Pan fydd gan ysgol ddiddordeb mewn bwrw ymlaen â menter benodol, ond efallai y bydd angen codi "
            "ymwybyddiaeth ac ymrwymiad ymhlith staff ar wahanol lefelau yn yr ysgol."
        ),
        "resources": (
            "Fel arfer, dylai'r ysgol letya gael adnoddau i gynnal yr ymweliad. Efallai y bydd angen rhyddhau "
            "aelodau allweddol o staff o'u dysgu i arwain a rheoli'r digwyddiad, a threfnu lluniaeth. Efallai y "
            "bydd angen cyflenwi ar gyfer yr athrawon sy'n dod i'r digwyddiad hefyd."
        ),
        "typical_duration": "Hanner diwrnod neu ddiwrnod llawn",
        "steps": [
            (
                "Find a school that really does demonstrate good practice in the specific area (it may be in a "
                "different local authority).",
                "Dod o hyd i ysgol sydd wir yn dangos arfer da yn y maes penodol (gall fod mewn awdurdod lleol "
                "arall).",
            ),
            (
                "Agree whether the visit is a half or a full day.",
                "Cytuno a fydd yr ymweliad yn para hanner diwrnod neu ddiwrnod llawn.",
            ),
            (
                "Arrange a briefing session led by a senior member of staff at the host school.",
                "Trefnu sesiwn friffio dan arweiniad uwch aelod o staff yr ysgol letya.",
            ),
            (
                "Plan time for the visiting teachers to observe practice first-hand and talk with teachers and pupils.",
                "Cynllunio amser i'r athrawon sy'n ymweld weld yr arfer drostyn nhw eu hunain a siarad ag athrawon a "
                "disgyblion.",
            ),
            (
                "End with a plenary to review lessons learned and explore how the visiting school could take these "
                "ideas forward.",
                "Gorffen gyda sesiwn lawn i adolygu'r hyn a ddysgwyd ac i archwilio sut gallai'r ysgol sy'n ymweld "
                "fwrw ymlaen â'r syniadau hyn.",
            ),
            (
                "Consider a follow-up of specialist consultancy provided by the host school.",
                "Ystyried dilyn yr ymweliad ag ymgynghoriaeth arbenigol gan yr ysgol letya.",
            ),
        ],
    },
    "problem-solving-team-building": {
        "name": "Adeiladu tîm i ddatrys problemau (PSTB)",
        "what": (
            "Ffordd i grŵp ganolbwyntio ar fater penodol sy'n eiddo i un neu fwy o'r ysgolion a gweithio drwy "
            "broses strwythuredig i lunio cynllun gweithredu."
        ),
        "when_to_use": (
            "Pan fydd gennych fater neu broblem anodd sydd angen ateb gan dîm; yn enwedig pan fydd angen proses "
            "drylwyr arnoch i fynd i'r afael â mater cymhleth, dyrys ac amlweddog."
        ),
        "resources": (
            "Yr adnodd allweddol yw amser i athrawon gydweithio, sy'n debygol o olygu rhywfaint o gyflenwi. "
            "Efallai y bydd angen i staff o wahanol ysgolion deithio i ysgolion ei gilydd, er y gellid gwneud "
            "peth o hyn drwy rwydweithio ar-lein."
        ),
        "typical_duration": "Cyfres o gyfarfodydd ag amser penodol (hanner diwrnod yr un)",
        "steps": [
            (
                "Agree the problem and its owner; do initial work to deepen the shared understanding of the problem "
                "(fishbone analysis and/or five whys).",
                "Cytuno ar y broblem a'i pherchennog; gwneud gwaith cychwynnol i ddyfnhau'r ddealltwriaeth gyffredin "
                "o'r broblem (dadansoddiad asgwrn pysgodyn a/neu bum pam).",
            ),
            (
                "Appoint the roles: owner, facilitator, resource provider, and a recorder who keeps detailed notes.",
                "Penodi'r rolau: perchennog, hwylusydd, darparwr adnoddau, a chofnodwr sy'n cadw nodiadau manwl.",
            ),
            (
                "Schedule sufficient time: a set of specific, time-limited meetings.",
                "Neilltuo digon o amser: cyfres o gyfarfodydd penodol ag amser penodol.",
            ),
            (
                "Manage the dialogue in a disciplined way, keeping the discussion at the right level.",
                "Rheoli'r ddeialog mewn ffordd ddisgybledig, gan gadw'r drafodaeth ar y lefel gywir.",
            ),
            (
                "Encourage open minds: all ideas are heard and everyone can contribute.",
                "Annog meddwl agored: caiff pob syniad ei glywed a gall pawb gyfrannu.",
            ),
            (
                "Agree actions the owner takes away to inform future plans; the recorder produces the document for the"
                " team.",
                "Cytuno ar gamau gweithredu y bydd y perchennog yn mynd â nhw i lywio cynlluniau'r dyfodol; mae'r "
                "cofnodwr yn llunio'r ddogfen ar gyfer y tîm.",
            ),
        ],
    },
    "collaborative-use-of-data": {
        "name": "Defnyddio data ar y cyd",
        "what": (
            "Ffordd o alluogi uwch arweinwyr i gydweithio i nodi meysydd allweddol i weithredu arnyn nhw ac i "
            "wella'r defnydd o ddata i lywio gwelliannau mewn addysgu a dysgu."
        ),
        "when_to_use": (
            "Pan fydd gan fwy nag un ysgol mewn rhwydwaith ddiddordeb mewn gwella'r ffordd y mae'n defnyddio data i "
            "gefnogi addysgu a dysgu (gosod targedau, olrhain disgyblion, hunanwerthuso, rheoli perfformiad); mae'r "
            "ysgolion yn datblygu eu systemau ochr yn ochr ac yn rhoi adborth i'w gilydd ar eu cynnydd."
        ),
        "resources": (
            "Amser i athrawon (ac weithiau rheolwyr busnes ysgolion) gydweithio, sy'n debygol o olygu rhywfaint o "
            "gyflenwi. Efallai y bydd staff yn teithio i ysgolion ei gilydd, er y gellid gwneud peth o hyn drwy "
            "rwydweithio ar-lein."
        ),
        "typical_duration": "Cyfarfod cyntaf o hanner diwrnod, yna adolygiadau rheolaidd",
        "steps": [
            (
                "Identify schools keen to improve their management information systems and school performance.",
                "Nodi ysgolion sy'n awyddus i wella eu systemau gwybodaeth reoli a pherfformiad yr ysgol.",
            ),
            (
                "Hold an initial meeting of senior staff to scope the purpose and focus, agree protocols for sharing "
                "data and plan collaborative action.",
                "Cynnal cyfarfod cyntaf o uwch staff i bennu'r diben a'r ffocws, cytuno ar brotocolau ar gyfer rhannu "
                "data a chynllunio gwaith ar y cyd.",
            ),
            (
                "Agree a project plan at the initial meeting so that resource requirements can be mapped.",
                "Cytuno ar gynllun prosiect yn y cyfarfod cyntaf er mwyn gallu mapio'r adnoddau sydd eu hangen.",
            ),
            (
                "Compare current systems and approaches across the schools; research good practice elsewhere.",
                "Cymharu'r systemau a'r dulliau presennol ar draws yr ysgolion; ymchwilio i arfer da mewn mannau "
                "eraill.",
            ),
            (
                "Provide peer support for designing and implementing improvements, and review progress together.",
                "Rhoi cymorth gan gymheiriaid i gynllunio a rhoi gwelliannau ar waith, ac adolygu'r cynnydd gyda'ch "
                "gilydd.",
            ),
        ],
    },
    "shared-inset-seminar": {
        "name": "Rhaglen seminarau HMS ar y cyd",
        "what": (
            "Trefnu sesiynau ar y cyd i godi ymwybyddiaeth o elfennau penodol o'r Fframwaith Effeithiolrwydd "
            "Ysgolion."
        ),
        "when_to_use": (
            "Pan fydd sawl ysgol am ddatblygu maes arloesi ond heb deimlo eto fod ganddyn nhw ddigon o wybodaeth i "
            "gynllunio gwelliannau: 'gwybod yn fras i ble rydych chi am fynd ond nid sut i gyrraedd yno'. Mae'r "
            "sesiynau'n meithrin dealltwriaeth gyffredin a gallan nhw gynnwys hunanwerthuso cychwynnol fel meincnod."
        ),
        "resources": (
            "Gwybodaeth arbenigol y sawl sy'n arwain y sesiwn. Gall y prif gostau fod yn ffi'r arbenigwr a chostau "
            "teithio'r staff sy'n cymryd rhan."
        ),
        "typical_duration": "Seminar ar ôl ysgol",
        "steps": [
            (
                "Identify precisely which elements the schools are interested in, and where they wish to improve.",
                "Nodi'n union pa elfennau sydd o ddiddordeb i'r ysgolion, a ble maen nhw am wella.",
            ),
            (
                "Identify a suitable specialist to lead the seminar (a practitioner from another school, a local "
                "authority professional, a researcher or a consultant); ask the consortium first.",
                "Nodi arbenigwr addas i arwain y seminar (ymarferydd o ysgol arall, swyddog o'r awdurdod lleol, "
                "ymchwilydd neu ymgynghorydd); holi'r consortiwm yn gyntaf.",
            ),
            (
                "Organise the session, ideally as a twilight event in one of the schools.",
                "Trefnu'r sesiwn, yn ddelfrydol fel digwyddiad ar ôl ysgol yn un o'r ysgolion.",
            ),
            (
                "Include initial self-evaluation activities to set a benchmark for further progress.",
                "Cynnwys gweithgareddau hunanwerthuso cychwynnol i osod meincnod ar gyfer cynnydd pellach.",
            ),
        ],
    },
    "action-learning-partnership": {
        "name": "Partneriaeth dysgu gweithredol (setiau dysgu gweithredol)",
        "what": (
            "Ffordd systematig i staff o wahanol ysgolion gydweithio ar brosiect i sicrhau gwelliant mewn ysgolion "
            "a rhannu dysgu proffesiynol, gan ddefnyddio methodoleg ymchwil weithredol gyda'i gilydd drwy setiau "
            "dysgu gweithredol."
        ),
        "when_to_use": (
            "Pan fydd mwy nag un ysgol mewn rhwydwaith am weithio ar agwedd benodol ar wella ysgolion ac y bydden "
            "nhw'n elwa ar her a chefnogaeth staff o wahanol ysgolion yn cydweithio."
        ),
        "resources": (
            "Amser i athrawon (ac weithiau rheolwyr busnes) gydweithio, sy'n debygol o olygu rhywfaint o gyflenwi; "
            "teithio rhwng ysgolion; cynllun prosiect y cytunir arno yn y cyfarfod cyntaf i fapio'r adnoddau."
        ),
        "typical_duration": "Cyfres o gyfarfodydd set hanner diwrnod dros flwyddyn",
        "steps": [
            (
                "Discuss with the headteachers whether they would like to use action learning sets for common themes.",
                "Trafod gyda'r penaethiaid a hoffen nhw ddefnyddio setiau dysgu gweithredol ar gyfer themâu cyffredin.",
            ),
            (
                "Identify individuals willing to join an action learning set.",
                "Nodi unigolion sy'n fodlon ymuno â set dysgu gweithredol.",
            ),
            (
                "Provide an initial briefing in action research methodology.",
                "Rhoi briff cychwynnol ar fethodoleg ymchwil weithredol.",
            ),
            (
                "Appoint a facilitator to encourage dialogue, share learning and act as critical friend.",
                "Penodi hwylusydd i annog deialog, rhannu dysgu a gweithredu fel ffrind beirniadol.",
            ),
            (
                "Organise learning workshops, peer observation, study visits and school-based development work.",
                "Trefnu gweithdai dysgu, arsylwi gan gymheiriaid, ymweliadau astudio a gwaith datblygu yn yr ysgol.",
            ),
            (
                "Give participants time to work through the cycle: investigate, plan and implement changes, observe "
                "and reflect.",
                "Rhoi amser i'r cyfranogwyr weithio drwy'r cylch: ymchwilio, cynllunio a gweithredu newidiadau, "
                "arsylwi a myfyrio.",
            ),
            (
                "Support participants to document their projects fully, as a basis for sharing with others.",
                "Cefnogi'r cyfranogwyr i gofnodi eu prosiectau'n llawn, yn sail i'w rhannu ag eraill.",
            ),
        ],
    },
    "specialist-peer-consultancy": {
        "name": "Ymgynghoriaeth arbenigol gan gymheiriaid",
        "what": (
            "Cymorth ymgynghori gan gymheiriaid i ysgol, gan bennaeth a/neu staff ysgol arall sy'n dangos arfer da "
            "mewn maes penodol."
        ),
        "when_to_use": (
            "Pan fyddai ysgol yn elwa ar (ac yn barod i dderbyn) arweiniad gan rywun sydd â hanes diweddar a "
            "llwyddiannus o arwain arloesi mewn maes arbenigol."
        ),
        "resources": (
            "Gellid seilio'r costau naill ai ar gyflenwi athro ar £173 y dydd ynghyd â threuliau, neu ar ffi "
            "ymgynghori lawn o £450 y dydd."
        ),
        "typical_duration": "Dau neu dri diwrnod",
        "steps": [
            (
                "Discuss specialist support with the headteacher; clarify the areas where advice would help and the "
                "key issues.",
                "Trafod cymorth arbenigol gyda'r pennaeth; egluro'r meysydd lle byddai cyngor yn helpu a'r materion "
                "allweddol.",
            ),
            ("Work up a concise brief for the consultancy.", "Llunio briff cryno ar gyfer yr ymgynghoriaeth."),
            (
                "Consult local authority colleagues and others to identify possible consultants.",
                "Holi cydweithwyr yn yr awdurdod lleol ac eraill i nodi ymgynghorwyr posibl.",
            ),
            ("Plan a two- or three-day consultancy programme.", "Cynllunio rhaglen ymgynghori o ddau neu dri diwrnod."),
            (
                "Agree the consultant with the headteacher and check they are willing to take on the role.",
                "Cytuno ar yr ymgynghorydd gyda'r pennaeth a gwirio ei fod yn fodlon ymgymryd â'r rôl.",
            ),
            (
                "Run it: initial meeting with the head or SMT, observation and discussion, analysis and feedback, a "
                "joint action plan, support for implementation.",
                "Ei chynnal: cyfarfod cyntaf gyda'r pennaeth neu'r uwch dîm rheoli, arsylwi a thrafod, dadansoddi ac "
                "adborth, cynllun gweithredu ar y cyd, cymorth i'w roi ar waith.",
            ),
            (
                "Monitor progress and check each phase is completed to the school's satisfaction.",
                "Monitro'r cynnydd a gwirio bod pob cam wedi'i gwblhau er boddhad yr ysgol.",
            ),
        ],
    },
    "peer-observation": {
        "name": "Arsylwi gan gymheiriaid",
        "what": (
            "Mae cydweithwyr yn arsylwi ar addysgu ei gilydd yn ôl ffocws y cytunwyd arno ac yn trafod yr hyn a "
            "welson nhw."
        ),
        "when_to_use": (
            "Pan fydd staff eisiau tystiolaeth o'r dosbarth, yn hytrach na hanesyn, am newid maen nhw'n ei wneud."
        ),
        "resources": "Cyflenwi ar gyfer yr arsylwr; teithio pan fydd yr arsylwi mewn ysgol arall.",
        "typical_duration": "Hanner diwrnod",
        "steps": [
            (
                "Agree the focus of the observation and what evidence will be collected.",
                "Cytuno ar ffocws yr arsylwi a pha dystiolaeth a gaiff ei chasglu.",
            ),
            (
                "Agree ground rules: the observation is for learning, not judgement.",
                "Cytuno ar reolau sylfaenol: arsylwi er mwyn dysgu yw hyn, nid er mwyn barnu.",
            ),
            (
                "Observe the lesson, noting evidence against the focus.",
                "Arsylwi ar y wers, gan nodi tystiolaeth sy'n ymwneud â'r ffocws.",
            ),
            (
                "Hold a professional dialogue soon after, led by the evidence.",
                "Cynnal deialog broffesiynol yn fuan wedyn, dan arweiniad y dystiolaeth.",
            ),
            ("Record what each will try next.", "Cofnodi beth fydd pob un yn rhoi cynnig arno nesaf."),
        ],
    },
    "coaching-and-mentoring": {
        "name": "Hyfforddi a mentora",
        "what": "Mae un cydweithiwr yn cefnogi dysgu un arall drwy sgyrsiau rheolaidd, strwythuredig am arfer.",
        "when_to_use": (
            "Pan fydd rhywun yn ymgymryd ag arfer neu gyfrifoldeb newydd ac y byddai'n elwa ar gymorth parhaus."
        ),
        "resources": "Amser i'r ddau gydweithiwr; cyflenwi pan fydd sesiynau yn ystod amser dysgu.",
        "typical_duration": "Sesiynau rheolaidd o awr",
        "steps": [
            ("Agree the goal and how often you will meet.", "Cytuno ar y nod a pha mor aml y byddwch chi'n cwrdd."),
            ("Agree confidentiality and ground rules.", "Cytuno ar gyfrinachedd a rheolau sylfaenol."),
            (
                "Meet regularly; the coachee leads the agenda.",
                "Cwrdd yn rheolaidd; y sawl sy'n cael ei hyfforddi sy'n arwain yr agenda.",
            ),
            (
                "Review progress against the goal and agree next steps each time.",
                "Adolygu'r cynnydd tuag at y nod a chytuno ar y camau nesaf bob tro.",
            ),
        ],
    },
    "research-lesson": {
        "name": "Gwers ymchwil",
        "what": (
            "Mae grŵp bach yn cynllunio gwers gyda'i gilydd, mae un yn ei haddysgu tra bo'r lleill yn arsylwi ar "
            "ddysgu'r disgyblion, ac maen nhw'n ei mireinio gyda'i gilydd."
        ),
        "when_to_use": "Pan fydd grŵp eisiau astudio'n fanwl sut mae disgyblion yn dysgu rhywbeth sy'n anodd ei addysgu.",
        "resources": "Cyflenwi ar gyfer yr athrawon sy'n cynllunio ac yn arsylwi.",
        "typical_duration": "Diwrnod (cynllunio, gwers, trafodaeth)",
        "steps": [
            (
                "Choose a learning focus and identify case-study pupils.",
                "Dewis ffocws dysgu a nodi disgyblion ar gyfer astudiaeth achos.",
            ),
            (
                "Plan the lesson together, predicting how the case-study pupils will respond.",
                "Cynllunio'r wers gyda'ch gilydd, gan ragweld sut bydd disgyblion yr astudiaeth achos yn ymateb.",
            ),
            (
                "One teaches; the others observe the case-study pupils.",
                "Mae un yn addysgu; mae'r lleill yn arsylwi ar ddisgyblion yr astudiaeth achos.",
            ),
            (
                "Interview some pupils and discuss what was learned straight after.",
                "Holi rhai disgyblion a thrafod yr hyn a ddysgwyd yn syth wedyn.",
            ),
            (
                "Refine the lesson and share the learning with colleagues.",
                "Mireinio'r wers a rhannu'r dysgu â chydweithwyr.",
            ),
        ],
    },
    "enquiry-visit": {
        "name": "Ymweliad ymholi",
        "what": "Ymweliad ag ysgol arall i gasglu tystiolaeth ar gyfer cwestiwn y mae'r ymwelwyr yn ymholi iddo.",
        "when_to_use": (
            "Pan fydd ymholiad angen tystiolaeth o arfer mewn mannau eraill, y tu hwnt i'r hyn y mae ysgol yr "
            "ymwelwyr eu hunain yn ei ddangos."
        ),
        "resources": "Cyflenwi ar gyfer yr athrawon sy'n ymweld, teithio, ac amser gan yr ysgol letya.",
        "typical_duration": "Hanner diwrnod neu ddiwrnod llawn",
        "steps": [
            (
                "Agree the enquiry question and what evidence the visit should gather.",
                "Cytuno ar gwestiwn yr ymholiad a pha dystiolaeth y dylai'r ymweliad ei chasglu.",
            ),
            ("Brief the host school on the question.", "Briffio'r ysgol letya ar y cwestiwn."),
            (
                "Gather the evidence: observe, talk with staff and pupils, look at pupils' work.",
                "Casglu'r dystiolaeth: arsylwi, siarad â staff a disgyblion, edrych ar waith disgyblion.",
            ),
            (
                "Share the findings with the host and with colleagues back at school.",
                "Rhannu'r canfyddiadau â'r ysgol letya ac â chydweithwyr yn ôl yn yr ysgol.",
            ),
        ],
    },
    "jigsaw-dialogue": {
        "name": "Deialog jig-so grŵp cydweithredol",
        "what": (
            "Mae darllenwyr yn dod yn gyfarwydd â gwahanol ddarnau darllen, yn rhannu'r prif bwyntiau yn eu grwpiau "
            "cartref ac yn myfyrio gyda'i gilydd ar gwestiynau: arbenigedd unigol wedi'i gyfuno â deialog mewn grŵp."
        ),
        "when_to_use": (
            "I hybu a chefnogi dysgu cymunedol o gyfres o ddarnau darllen, er enghraifft mewn sesiwn ar ôl ysgol."
        ),
        "resources": (
            "Copïau o'r cyfarwyddiadau, y darnau darllen a'r tudalennau nodiadau i bob person; ystafell â lle i "
            "grwpiau bach."
        ),
        "typical_duration": "Tua 75 munud (ar ôl ysgol)",
        "steps": [
            (
                "Form home groups of three or four people; everyone reads the instructions.",
                "Ffurfio grwpiau cartref o dri neu bedwar o bobl; mae pawb yn darllen y cyfarwyddiadau.",
            ),
            (
                "Assign each person one reading (A, B, C or D) to become an 'expert' on.",
                "Rhoi un darn darllen (A, B, C neu D) i bob person, iddo ddod yn 'arbenigwr' arno.",
            ),
            (
                "Read individually, bearing in mind the expert and home group questions (5-10 minutes).",
                "Darllen yn unigol, gan gofio cwestiynau'r grŵp arbenigol a'r grŵp cartref (5-10 munud).",
            ),
            (
                "Form expert groups of three or four with the same reading; discuss the expert group questions (10 "
                "minutes).",
                "Ffurfio grwpiau arbenigol o dri neu bedwar sydd â'r un darn darllen; trafod cwestiynau'r grŵp "
                "arbenigol (10 munud).",
            ),
            (
                "Rejoin home groups; each member shares the key messages of their reading (15 minutes).",
                "Dychwelyd i'r grwpiau cartref; mae pob aelod yn rhannu prif negeseuon ei ddarn darllen (15 munud).",
            ),
            (
                "Reflect together on the home group questions (15 minutes).",
                "Myfyrio gyda'ch gilydd ar gwestiynau'r grŵp cartref (15 munud).",
            ),
            (
                "Summarise key learning in a whole-group dialogue (15 minutes).",
                "Crynhoi'r prif bwyntiau dysgu mewn deialog gyda'r grŵp cyfan (15 munud).",
            ),
        ],
    },
}

FIELDS = ("name", "what", "when_to_use", "resources", "typical_duration")


def fill_welsh(apps, schema_editor=None):
    """Fill the empty Welsh of the shipped rows (safe to run again, e.g. after a test's flush)."""
    ActivityType = apps.get_model("activities", "ActivityType")
    ActivityTypeStep = apps.get_model("activities", "ActivityTypeStep")
    InnovationPhase = apps.get_model("activities", "InnovationPhase")
    for slug, welsh in TYPES_CY.items():
        for field in FIELDS:
            ActivityType.objects.filter(slug=slug, **{f"{field}_cy": ""}).update(**{f"{field}_cy": welsh[field]})
        for english, text_cy in welsh["steps"]:
            ActivityTypeStep.objects.filter(activity_type__slug=slug, text=english, text_cy="").update(text_cy=text_cy)
    for slug, (name, description) in PHASES_CY.items():
        InnovationPhase.objects.filter(slug=slug, name_cy="").update(name_cy=name)
        InnovationPhase.objects.filter(slug=slug, description_cy="").update(description_cy=description)


def empty_welsh(apps, schema_editor):
    ActivityType = apps.get_model("activities", "ActivityType")
    ActivityTypeStep = apps.get_model("activities", "ActivityTypeStep")
    InnovationPhase = apps.get_model("activities", "InnovationPhase")
    for slug, welsh in TYPES_CY.items():
        for field in FIELDS:
            ActivityType.objects.filter(slug=slug, **{f"{field}_cy": welsh[field]}).update(**{f"{field}_cy": ""})
        for english, text_cy in welsh["steps"]:
            ActivityTypeStep.objects.filter(activity_type__slug=slug, text=english, text_cy=text_cy).update(text_cy="")
    for slug, (name, description) in PHASES_CY.items():
        InnovationPhase.objects.filter(slug=slug, name_cy=name).update(name_cy="")
        InnovationPhase.objects.filter(slug=slug, description_cy=description).update(description_cy="")


class Migration(migrations.Migration):
    dependencies = [("activities", "0009_reference_data_in_welsh")]

    operations = [migrations.RunPython(fill_welsh, empty_welsh)]
