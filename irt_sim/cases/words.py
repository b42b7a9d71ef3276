"""The practice cases' own words: invented first and last names, jobs with their pay and hours, past
jobs, home countries, and the little facts a story is made of. All written for the kit; no name is
taken from the training materials or from the kit's own casebook (a test checks both)."""

from __future__ import annotations

from dataclasses import dataclass

FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "she/her": (
        "Alondra", "Annika", "Aurelia", "Bernadette", "Beulah", "Brielle", "Calla", "Carmela", "Celestine", "Cleo",
        "Dalia", "Delphine", "Dorothea", "Ebony", "Esperanza", "Fern", "Fiona", "Giselle", "Greer", "Halona",
        "Hazel", "Imani", "Ingrid", "Jolene", "Josefina", "Kalani", "Katya", "Latrice", "Leticia", "Lourdes",
        "Lucinda", "Mae", "Magnolia", "Maura", "Mei", "Mireille", "Nadia", "Naomi", "Nell", "Octavia", "Opal",
        "Paloma", "Precious", "Quiana", "Rhiannon", "Rosalee", "Sabine", "Selah", "Shanice", "Soledad", "Tamsin",
        "Teodora", "Thandiwe", "Thuy", "Ulla", "Vivian", "Wilhelmina", "Xiomara", "Yesenia", "Zora",
    ),
    "he/him": (
        "Abdiel", "Alonzo", "Ambrose", "Anselm", "Arlo", "Augustin", "Bao", "Barnaby", "Booker", "Cornelius",
        "Cyrus", "Dante", "Darnell", "Demetrius", "Duc", "Efrain", "Emmett", "Ezra", "Florian", "Gabe", "Hector",
        "Hiroshi", "Ignatius", "Isidro", "Ivan", "Jamal", "Jericho", "Jerome", "Joaquin", "Jonas", "Kwame",
        "Lamar", "Leopold", "Linus", "Lucius", "Malik", "Marlon", "Moises", "Nestor", "Oren", "Orlando", "Osvaldo",
        "Otis", "Percival", "Quentin", "Rashad", "Reuben", "Rocco", "Rufus", "Santiago", "Silas", "Terrence",
        "Thaddeus", "Ulysses", "Vaughn", "Virgil", "Xavier", "Yusuf", "Zeke",
    ),
    "they/them": (
        "Arden", "Ash", "Bellamy", "Blair", "Briar", "Cass", "Devon", "Ellis", "Emery", "Finley", "Harper",
        "Indigo", "Jules", "Kai", "Lark", "Linden", "Oakley", "Quinn", "Reese", "Remy", "Rio", "Sage", "Sasha",
        "Shiloh", "Skyler", "Tatum", "Yael", "Zephyr",
    ),
}

LAST_NAMES: tuple[str, ...] = (
    "Abernathy", "Acevedo", "Adeyemi", "Ashcombe", "Baptiste", "Barrowman", "Beaumont", "Belcourt", "Boateng",
    "Bramwell", "Brightman", "Calloway", "Carrasco", "Chambliss", "Chukwu", "Coldwater", "Crenshaw", "Dalrymple",
    "Delacroix", "Dembele", "Deveraux", "Dunmore", "Eckhardt", "Ellsworth", "Escobedo", "Fairweather", "Falcone",
    "Fenwick", "Galloway", "Goldfarb", "Greenhalgh", "Haddock", "Halvorsen", "Harjo", "Hawthorne", "Holloway",
    "Ibarra", "Ishikawa", "Jaramillo", "Jessup", "Kaminski", "Kealoha", "Kingsley", "Kowalczyk", "Lachance",
    "Lightfoot", "Lockhart", "Mabry", "Macklin", "Madrigal", "Mahoney", "Mbatha", "McAllister", "Merriweather",
    "Montoya", "Mulvaney", "Nakashima", "Navarro", "Nightingale", "Novak", "Ochoa", "Okonjo", "Oyelaran",
    "Pacheco", "Paquette", "Pemberton", "Penrose", "Pettibone", "Quarles", "Quintero", "Radcliffe", "Rasmussen",
    "Redhorse", "Rinaldi", "Rockwell", "Saldana", "Santangelo", "Schaefer", "Sedgwick", "Shumway", "Sokolov",
    "Stallworth", "Strickland", "Tafoya", "Takahashi", "Thistlewood", "Trujillo", "Tsosie", "Underhill",
    "Valdivia", "Villanueva", "Vokes", "Waddell", "Weatherby", "Whitlock", "Winslow", "Yazzie", "Yoshida",
    "Zamora", "Zeller",
)

#: Children's first names, for a parent's story.
CHILD_NAMES: dict[str, tuple[str, ...]] = {
    "son": ("Bodhi", "Dax", "Hank", "Jasper", "Lio", "Milo", "Wes", "Emilio", "Theo", "Kofi", "Rory", "Tate"),
    "daughter": ("Cali", "Elsie", "Gemma", "Iris", "Nola", "Suki", "Vida", "Amara", "Zuri", "Kenzie", "Pip", "Lulu"),
}


@dataclass(frozen=True)
class Job:
    """A job a customer may aim for: its pay in dollars an hour (start and a good start), the hours a
    week it usually offers, and what it asks: heavy work, a driver's license, a background check,
    lived experience, a credential (as a phrase: 'the CNA course and the state exam')."""

    title: str
    field: str
    wage: tuple[float, float]
    hours: tuple[int, ...]
    place: str  # where the work is, after 'at' or 'in': 'a nursing home on the north side'
    interest: str
    tags: frozenset[str] = frozenset()
    credential: str | None = None


def _job(title, field, low, high, hours, place, interest, tags="", credential=None) -> Job:
    return Job(title, field, (low, high), tuple(hours), place, interest, frozenset(tags.split()), credential)


JOBS: tuple[Job, ...] = (
    _job("Certified nursing assistant", "long-term care", 16.25, 18.5, (24, 32, 36, 40), "a nursing home on the north side",
         "Caring for older people", "heavy check people", "the CNA course and the state skills exam"),
    _job("Pharmacy technician", "retail pharmacy", 16.5, 19, (25, 30, 32, 40), "a drugstore downtown",
         "Medicines and how they work", "check people", "a pharmacy technician certificate and the national exam"),
    _job("Medical office receptionist", "health care administration", 15.5, 18, (20, 30, 32, 40),
         "a family doctor's office", "Health care work away from the bedside", "people screen"),
    _job("Dental assistant", "dental care", 17, 20, (24, 32, 36), "a dental practice near the college",
         "Working with patients one at a time", "people", "a dental assisting certificate and an X-ray permit"),
    _job("Phlebotomist", "laboratory work", 17, 19.5, (24, 32, 40), "the county hospital's lab",
         "Lab work and medical procedures", "people", "a phlebotomy certificate"),
    _job("Warehouse associate", "warehousing and logistics", 16, 18.5, (30, 40), "a distribution center off the highway",
         "Work with a clear routine and a quota to beat", "heavy"),
    _job("Forklift operator", "warehousing and logistics", 17.5, 20, (40,), "a building-supply yard",
         "Operating equipment", "heavy", "forklift certification"),
    _job("Delivery driver", "local delivery", 16, 19, (25, 32, 40), "a furniture store",
         "Being on the road instead of behind a desk", "heavy license"),
    _job("School bus driver", "student transportation", 18, 21, (20, 25, 30), "the school district's bus yard",
         "Driving and working with kids", "license check", "a commercial driver's license with the school bus endorsement"),
    _job("Prep cook", "restaurant kitchens", 14.5, 16.5, (24, 30, 36), "a busy diner on Main Street",
         "Cooking for a crowd", "heavy", "a food handler card"),
    _job("Baker's assistant", "baking", 14.5, 16.5, (20, 25, 32), "a neighborhood bakery",
         "Baking and early mornings", "", "a food handler card"),
    _job("Grocery stock clerk", "grocery retail", 14.25, 16, (20, 24, 32), "a supermarket across town",
         "Keeping shelves neat and full", "heavy"),
    _job("Cashier", "retail", 13.75, 15.5, (16, 20, 25, 30), "a hardware store", "Talking with customers", "people"),
    _job("Customer service representative", "customer service", 15.5, 18, (30, 40), "an insurance company's call center",
         "Solving people's problems over the phone", "people screen phone"),
    _job("Data entry clerk", "office administration", 15, 17.5, (20, 30, 40), "a title company downtown",
         "Careful, quiet computer work", "screen"),
    _job("Bookkeeping assistant", "office and finance", 17, 20, (20, 30, 40), "an accounting office",
         "Numbers and keeping records straight", "screen", "a bookkeeping certificate"),
    _job("IT support technician", "information technology", 18, 22, (32, 40), "the community college's help desk",
         "Fixing computers", "screen", "an entry-level IT support certification"),
    _job("Welder", "metal fabrication", 19, 24, (40,), "a trailer manufacturer", "Building things with metal",
         "heavy", "a welding certificate"),
    _job("Carpentry helper", "construction", 16.5, 19.5, (40,), "a home builder on the south side",
         "Building things that last", "heavy", "a carpentry pre-apprenticeship certificate"),
    _job("Electrician's helper", "construction", 17, 20, (40,), "an electrical contractor", "The building trades",
         "heavy", "the pre-apprenticeship course and an OSHA 10 card"),
    _job("HVAC service technician", "building trades", 19, 23, (40,), "a heating and cooling company",
         "Figuring out why a machine stopped working", "heavy license", "an HVAC certificate and EPA refrigerant certification"),
    _job("Automotive technician", "auto repair", 17.5, 21, (32, 40), "a tire and brake shop", "Cars and engines",
         "heavy", "an automotive technician certificate"),
    _job("Landscape crew member", "landscaping", 15, 17, (30, 40), "a landscaping company", "Working outdoors", "heavy"),
    _job("Custodian", "building services", 15, 17.5, (20, 32, 40), "the county courthouse", "Quiet work on a set route",
         "heavy check"),
    _job("Hotel room attendant", "hospitality", 14.5, 16, (20, 25, 32), "a hotel by the interstate",
         "Making a room just right", "heavy"),
    _job("Hotel front desk clerk", "hospitality", 14.75, 16.5, (24, 32, 40), "a hotel by the interstate",
         "Welcoming travelers", "people screen"),
    _job("Childcare assistant", "early childhood education", 14.25, 16, (20, 30, 40), "a childcare center",
         "Little kids", "check people", "a Child Development Associate credential"),
    _job("Teacher's aide", "elementary education", 15, 17.5, (20, 30, 35), "an elementary school",
         "Helping children learn to read", "check people", "the paraprofessional exam"),
    _job("Kennel attendant", "animal care", 14, 15.5, (20, 30), "a boarding kennel", "Dogs and cats", "heavy"),
    _job("Library assistant", "libraries", 15, 17, (15, 20, 25), "the public library", "Books and quiet places",
         "people screen"),
    _job("Peer support specialist", "behavioral health", 16, 18.5, (20, 30, 40), "a recovery center",
         "Helping others who are where they once were", "people peer", "the state peer specialist certification"),
    _job("Community health worker", "public health", 17, 19.5, (30, 40), "the community health center",
         "Helping neighbors get care", "people", "a community health worker certificate"),
    _job("Security officer", "security", 15, 17.5, (24, 32, 40), "the county hospital", "Keeping people safe",
         "check", "a state security guard license"),
    _job("Shipping and receiving clerk", "manufacturing", 16, 18.5, (32, 40), "a cabinet factory",
         "Keeping track of what comes and goes", "heavy"),
    _job("Assembler", "light manufacturing", 15.5, 18, (32, 40), "an electronics plant", "Working with the hands"),
    _job("Machine operator", "manufacturing", 17, 20, (40,), "a plastics plant", "Machines", "heavy"),
    _job("Quality inspector", "manufacturing", 18, 21, (40,), "a parts plant", "Catching mistakes before they ship",
         "", "a quality inspection certificate"),
    _job("Dishwasher", "restaurant kitchens", 13.75, 15, (16, 20, 30), "a family restaurant", "A kitchen with a team",
         "heavy"),
    _job("Barista", "coffee shops", 13.75, 15.5, (16, 20, 25), "a coffee shop near the college", "Coffee and regulars",
         "people"),
    _job("Hardware store sales associate", "home improvement retail", 14.5, 16.5, (24, 32, 40), "a hardware store",
         "Fixing things around the house", "people"),
    _job("Graphic design assistant", "printing and signs", 16, 19, (20, 30, 40), "a print and sign shop",
         "Drawing and design", "screen", "a graphic design certificate"),
    _job("Greenhouse worker", "horticulture", 14, 16, (24, 32, 40), "a plant nursery outside town",
         "Growing things", "heavy"),
    _job("Bicycle mechanic", "bicycle repair", 15, 17, (20, 30), "a bike shop", "Bikes and repairing them"),
    _job("Medical records clerk", "health information", 16, 18.5, (30, 40), "the county hospital",
         "Health care work that is orderly and exact", "screen", "a medical records certificate"),
    _job("Auto parts counter clerk", "auto parts retail", 15, 17.5, (30, 40), "an auto parts store",
         "Cars and finding the right part", "people"),
    _job("Housekeeping aide", "senior living", 14.5, 16, (20, 30, 32), "a senior living community",
         "Looking after a place and the people in it", "heavy check"),
    _job("Line cook", "restaurant kitchens", 15.5, 18, (30, 36, 40), "a steakhouse by the river", "Cooking on the line",
         "heavy", "a food handler card"),
)

#: The words a trade's program (an apprenticeship sponsor) uses for the jobs it leads to.
TRADES: dict[str, tuple[str, ...]] = {
    "Carpentry helper": ("carpentry", "carpenter", "framing"), "Electrician's helper": ("electrical", "electrician"),
    "Welder": ("welding", "welder"), "HVAC service technician": ("hvac", "heating and cooling"),
    "Automotive technician": ("automotive", "auto repair"), "Line cook": ("culinary", "cook"),
}


def trade_program(job: Job, program_text: str) -> bool:
    """Whether a program described by ``program_text`` trains for ``job``'s trade."""
    text = program_text.lower()
    return any(word in text for word in TRADES.get(job.title, ()))


#: Jobs a customer held before (a phrase after 'worked as'), and what they did there that counts as a strength.
PAST_JOBS: tuple[tuple[str, str], ...] = (
    ("a line cook", "Kept up on a busy grill line and trained new cooks"),
    ("a home health aide", "Cared for clients in their homes and kept careful notes"),
    ("a cashier at a discount store", "Handled a cash drawer for years without coming up short"),
    ("a roofer", "Worked at heights in all weather and never missed a start time"),
    ("a nursing-home aide", "Knows how to treat frail people gently and with respect"),
    ("a warehouse picker", "Hit the pick rate most weeks and knows a handheld scanner"),
    ("a fast-food shift lead", "Ran a shift of eight people and closed out the register"),
    ("a farmhand", "Can fix nearly anything with baling wire and patience"),
    ("a school custodian", "Kept a whole building clean on a tight schedule"),
    ("a call-center agent", "Stays calm with angry callers and types quickly"),
    ("a housekeeper at a motel", "Fast and thorough; was asked to train new housekeepers"),
    ("a landscaper", "Runs mowers, trimmers and a small tractor safely"),
    ("a retail stocker", "Knows how to unload a truck and face a shelf fast"),
    ("a daycare helper", "Good with small children and patient with their parents"),
    ("a mechanic's helper", "Changes oil, brakes and tires and knows the tools"),
    ("a restaurant server", "Remembers orders and regulars' names without writing them down"),
    ("a receptionist", "Answers phones, books appointments and keeps a calendar straight"),
    ("an assembly-line worker", "Steady and accurate on repetitive work"),
    ("a delivery driver", "Knows every road in the county and keeps a clean delivery record"),
    ("a painter with a small crew", "Preps and paints a room neatly and on time"),
)

#: Past jobs for a customer blind since childhood.
PAST_JOBS_BLIND: tuple[tuple[str, str], ...] = tuple(j for j in PAST_JOBS if j[0] in (
    "a call-center agent", "an assembly-line worker", "a receptionist", "a restaurant server"))

#: Where a customer was born when English is not their first language: (country, language).
ORIGINS: tuple[tuple[str, str], ...] = (
    ("Guatemala", "Spanish"), ("Honduras", "Spanish"), ("Mexico", "Spanish"), ("Haiti", "Haitian Creole"),
    ("Vietnam", "Vietnamese"), ("Ukraine", "Ukrainian"), ("Somalia", "Somali"), ("Afghanistan", "Dari"),
    ("Burma", "Karen"), ("Brazil", "Portuguese"), ("Syria", "Arabic"), ("Laos", "Hmong"), ("Congo", "Swahili"),
    ("El Salvador", "Spanish"), ("Nepal", "Nepali"),
)

#: Strengths and interests anyone may have, as a line of a customer file.
TRAITS: tuple[str, ...] = (
    "Shows up early and stays until the job is done", "Patient with people who are upset or confused",
    "Good memory for faces and names", "Learns by doing; picks up a task after seeing it once or twice",
    "Says so when unsure, and asks until it is clear", "Keeps a tidy, organized work area",
    "Gets along with coworkers of every age", "Handy with tools; fixes things around the house",
    "Careful with money; keeps a written budget", "Keeps going when a day goes badly",
    "Calm in a crisis", "Friendly and easy to talk to", "Good at noticing small mistakes",
    "Reliable; friends and neighbors count on that",
)
HOBBIES: tuple[str, ...] = (
    "Fishing at the reservoir", "Cooking for family on Sundays", "Gardening", "Fixing up old bikes",
    "Drawing and painting", "Church choir", "Watching and playing basketball", "Video games with friends",
    "Crochet and knitting", "Walking dogs for neighbors", "Country and gospel music", "Card games",
    "Woodworking", "Volunteering at the food pantry", "Soccer in the park on weekends",
)

#: Small words for amounts of time, so numbers read as people say them.
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")


def number(n: int) -> str:
    """Twelve, not 12, for the small numbers people write out."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def years(n: int) -> str:
    return "a year" if n == 1 else f"{number(n)} years"


def months(n: int) -> str:
    return "a month" if n == 1 else f"{number(n)} months"
