"""The kit's controlled vocabulary: the words a casebook file may use for barriers, systems,
eligibility, stages of a plan and kinds of service.

Each value is a short snake_case word a trainer types in YAML, written once here with its
plain-language label for messages and widgets (the label defaults to the word with spaces).
Add a member to extend the vocabulary, then run `irt-academy generate`.
"""

from __future__ import annotations

from enum import StrEnum


class _Labelled(StrEnum):
    """A StrEnum whose members carry a plain-language label: ``name = "word", "label"``."""

    label: str

    def __new__(cls, value: str, label: str | None = None):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value.replace("_", " ")
        return member


class BarrierType(_Labelled):
    """What stands between a customer and the employment goal."""

    transportation = "transportation"
    housing = "housing"
    benefits_and_work_incentives = "benefits_and_work_incentives"
    skills_or_credentials = "skills_or_credentials"
    behavioural_health = "behavioural_health"
    physical_health = "physical_health"
    substance_use = "substance_use"
    justice_involvement = "justice_involvement"
    childcare = "childcare"
    assistive_technology = "assistive_technology"
    accommodations = "accommodations", "accommodations at school or work"
    literacy = "literacy", "reading, writing or maths"
    work_history = "work_history", "little or interrupted work history"
    financial_hardship = "financial_hardship", "money for tools, clothes or fees"
    identity_documents = "identity_documents"
    digital_access = "digital_access", "computer or internet access"
    english_language = "english_language", "English language"
    social_isolation = "social_isolation", "few people to lean on"


class SystemType(_Labelled):
    """Kinds of participant on an IRT, as listed in the 2020 training deck (plus a few more)."""

    workforce = "workforce", "workforce system (American Job Center, WIOA)"
    behavioural_health = "behavioural_health"
    vocational_rehabilitation = "vocational_rehabilitation"
    work_incentives = "work_incentives", "community work incentives coordinator"
    employment_specialist = "employment_specialist", "employment specialist (IPS or supported employment)"
    housing = "housing", "housing provider"
    education = "education", "school or post-secondary education"
    employer = "employer"
    corrections = "corrections", "corrections or probation"
    tanf = "tanf", "TANF"
    faith_based = "faith_based", "faith-based organisation"
    social_services = "social_services"
    transportation = "transportation", "transportation services"
    apprenticeship = "apprenticeship", "apprenticeship sponsor"
    veterans = "veterans", "veterans services"
    advocates_and_natural_supports = "advocates_and_natural_supports"
    independent_living = "independent_living", "centre for independent living"
    health_care = "health_care"


#: The participant types the 2020 training deck lists; the partner directory must cover each.
DECK_PARTICIPANT_TYPES: tuple[SystemType, ...] = (
    SystemType.workforce,
    SystemType.behavioural_health,
    SystemType.vocational_rehabilitation,
    SystemType.work_incentives,
    SystemType.employment_specialist,
    SystemType.housing,
    SystemType.education,
    SystemType.employer,
    SystemType.corrections,
    SystemType.tanf,
    SystemType.faith_based,
    SystemType.social_services,
    SystemType.transportation,
    SystemType.apprenticeship,
    SystemType.veterans,
    SystemType.advocates_and_natural_supports,
)


class EligibilityStatus(_Labelled):
    """Where a customer stands with one program."""

    eligible = "eligible"
    presumed_eligible = "presumed_eligible"
    applied = "applied", "applied, decision pending"
    not_eligible = "not_eligible"

    @property
    def counts(self) -> bool:
        """Eligible or presumed eligible: the statuses on which a program may commit services."""
        return self in (EligibilityStatus.eligible, EligibilityStatus.presumed_eligible)


class Stage(_Labelled):
    """Where a service sits on the road to the goal. Plan phases name their stage, and programs
    say the last stage they serve, so the checker can compare them. Ordered earliest first."""

    preparation = "preparation", "before training or job search"
    training = "training", "during training"
    job_search = "job_search", "job search and placement"
    early_employment = "early_employment", "the first months on the job"
    long_term = "long_term", "long-term supports after the first months"

    @property
    def order(self) -> int:
        return list(Stage).index(self)


class ServiceCategory(_Labelled):
    """A shared name for what a service does, so services of different programs can be compared
    (two partners committing the same category in the same phase is duplication)."""

    career_counselling = "career_counselling", "career counselling and guidance"
    job_development = "job_development", "job development and placement"
    job_coaching = "job_coaching", "job coaching and follow-along support"
    resume_and_interview = "resume_and_interview", "résumé and interview preparation"
    occupational_training = "occupational_training", "occupational training (a course, certificate or degree program)"
    tuition_and_fees = "tuition_and_fees"
    tools_and_equipment = "tools_and_equipment", "tools, uniforms and equipment"
    tutoring = "tutoring"
    transportation = "transportation"
    benefits_counselling = "benefits_counselling", "benefits and work-incentives counselling"
    financial_coaching = "financial_coaching", "financial coaching and saving"
    behavioural_health_treatment = "behavioural_health_treatment"
    substance_use_treatment = "substance_use_treatment"
    medical_care = "medical_care"
    housing_assistance = "housing_assistance"
    childcare = "childcare"
    assistive_technology = "assistive_technology"
    accommodations = "accommodations"
    case_management = "case_management"
    legal_help = "legal_help"
    supervision_flexibility = "supervision_flexibility", "flexible supervision schedule"
    peer_support = "peer_support"
    personal_support = "personal_support", "personal support and encouragement"
    cash_assistance = "cash_assistance"
    work_experience = "work_experience"
    apprenticeship_training = "apprenticeship_training"
    hiring = "hiring", "hiring and on-the-job training"
    documents_and_ids = "documents_and_ids", "identity documents"
    digital_skills = "digital_skills", "computer skills and access"
    language_classes = "language_classes", "English language classes"


class ServiceRole(_Labelled):
    """What a service is in its program's own rules, where the rules treat it apart (a program file
    marks its services with ``role``). The checker uses these to hold a plan to VR's and SSA's rules."""

    assessment = "assessment", "assessment or application help (given before eligibility is decided, and before the individual plan)"
    plan_development = "plan_development", "counselling that develops the individual plan (given before it, and after)"
    transition = "transition", "pre-employment transition services for students (given without an individual plan)"
    supported_employment = "supported_employment", "supported employment"
    extended_services = "extended_services", "extended services (ongoing support after supported employment)"
    post_employment = "post_employment", "post-employment services (after the case closes)"
    able_account = "able_account", "ABLE account"
    health_coverage = "health_coverage", "keeping health coverage while working (Medicaid, 1619(b), Medicare)"
    earnings_reporting = "earnings_reporting", "reporting earnings to Social Security"


class TanfActivity(_Labelled):
    """The work activities TANF counts toward a family's weekly hours (45 CFR 261.30): nine core
    activities, and three that count only for hours above the core ones."""

    unsubsidized_employment = "unsubsidized_employment", "unsubsidized employment"
    subsidized_private_employment = "subsidized_private_employment", "subsidized private-sector employment"
    subsidized_public_employment = "subsidized_public_employment", "subsidized public-sector employment"
    work_experience = "work_experience", "work experience"
    on_the_job_training = "on_the_job_training", "on-the-job training"
    job_search_and_readiness = "job_search_and_readiness", "job search and job readiness assistance"
    community_service = "community_service", "community service"
    vocational_educational_training = "vocational_educational_training", "vocational educational training"
    childcare_for_community_service = "childcare_for_community_service", "childcare for a community service participant"
    job_skills_training = "job_skills_training", "job skills training directly related to employment"
    education_related_to_employment = "education_related_to_employment", "education directly related to employment"
    secondary_school = "secondary_school", "attending secondary school or a GED course"
    not_countable = "not_countable", "not a countable work activity"

    @property
    def core(self) -> bool:
        return self not in (TanfActivity.job_skills_training, TanfActivity.education_related_to_employment,
                            TanfActivity.secondary_school, TanfActivity.not_countable)

    @property
    def countable(self) -> bool:
        return self is not TanfActivity.not_countable


class ReleaseSigner(_Labelled):
    """Who signed a release of information."""

    customer = "customer"
    parent = "parent"
    guardian = "guardian", "legal guardian"
    representative = "representative", "authorised representative"


class RecordsRule(_Labelled):
    """The federal rule a program's records fall under, which sets what a release to it must say."""

    part2 = "part2", "42 CFR Part 2 (substance use disorder treatment records)"
    ferpa = "ferpa", "FERPA (education records)"
    hipaa = "hipaa", "HIPAA (health records)"


class Population(_Labelled):
    """Groups the IPS overview deck and the issue name as target populations."""

    tanf_recipient = "tanf_recipient", "TANF recipient"
    substance_use = "substance_use", "substance use disorder"
    mental_illness = "mental_illness"
    physical_disability = "physical_disability"
    sensory_disability = "sensory_disability"
    acquired_brain_injury = "acquired_brain_injury"
    intellectual_or_developmental_disability = "intellectual_or_developmental_disability"
    homelessness = "homelessness", "experiencing homelessness"
    veteran = "veteran"
    justice_involved = "justice_involved"
    youth_in_transition = "youth_in_transition"


class Benefit(_Labelled):
    """Public benefits a customer receives; work affects several of them."""

    ssi = "ssi", "SSI"
    ssdi = "ssdi", "SSDI"
    snap = "snap", "SNAP"
    tanf = "tanf", "TANF cash assistance"
    medicaid = "medicaid", "Medicaid"
    medicare = "medicare", "Medicare"
    housing_voucher = "housing_voucher"
    va_disability = "va_disability", "VA disability compensation"
    unemployment_insurance = "unemployment_insurance"

    @property
    def disability_benefit(self) -> bool:
        """SSI and SSDI: the benefits whose work rules call for benefits counselling."""
        return self in (Benefit.ssi, Benefit.ssdi)


class Confidence(_Labelled):
    """How sure the kit is of a figure (the marks used in shared/domain/facts.md)."""

    confirmed = "confirmed"
    partly_confirmed = "partly_confirmed"
    unverified = "unverified"
    assumption = "assumption"
