"""The kit's controlled vocabulary: the words a casebook file may use for barriers, systems,
eligibility, stages of a plan and kinds of service.

Each value is a short snake_case word a trainer types in YAML; each has a plain-language label
for messages and widgets. Add a member here (with its label) to extend the vocabulary.
"""

from __future__ import annotations

from enum import StrEnum


class _Labelled(StrEnum):
    """A StrEnum whose members carry a human label (kept in ``_LABELS`` of each subclass)."""

    @property
    def label(self) -> str:
        return type(self)._labels().get(self.value, self.value.replace("_", " "))

    @classmethod
    def _labels(cls) -> dict[str, str]:  # overridden by subclasses
        return {}


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
    accommodations = "accommodations"
    literacy = "literacy"
    work_history = "work_history"
    financial_hardship = "financial_hardship"
    identity_documents = "identity_documents"
    digital_access = "digital_access"
    english_language = "english_language"
    social_isolation = "social_isolation"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "transportation": "transportation",
            "housing": "housing",
            "benefits_and_work_incentives": "benefits and work incentives",
            "skills_or_credentials": "skills or credentials",
            "behavioural_health": "behavioural health",
            "physical_health": "physical health",
            "substance_use": "substance use",
            "justice_involvement": "justice involvement",
            "childcare": "childcare",
            "assistive_technology": "assistive technology",
            "accommodations": "accommodations at school or work",
            "literacy": "reading, writing or maths",
            "work_history": "little or interrupted work history",
            "financial_hardship": "money for tools, clothes or fees",
            "identity_documents": "identity documents",
            "digital_access": "computer or internet access",
            "english_language": "English language",
            "social_isolation": "few people to lean on",
        }


class SystemType(_Labelled):
    """Kinds of participant on an IRT, as listed in the 2020 training deck (plus a few more)."""

    workforce = "workforce"
    behavioural_health = "behavioural_health"
    vocational_rehabilitation = "vocational_rehabilitation"
    work_incentives = "work_incentives"
    employment_specialist = "employment_specialist"
    housing = "housing"
    education = "education"
    employer = "employer"
    corrections = "corrections"
    tanf = "tanf"
    faith_based = "faith_based"
    social_services = "social_services"
    transportation = "transportation"
    apprenticeship = "apprenticeship"
    veterans = "veterans"
    advocates_and_natural_supports = "advocates_and_natural_supports"
    independent_living = "independent_living"
    health_care = "health_care"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "workforce": "workforce system (American Job Center, WIOA)",
            "behavioural_health": "behavioural health",
            "vocational_rehabilitation": "vocational rehabilitation",
            "work_incentives": "community work incentives coordinator",
            "employment_specialist": "employment specialist (IPS or supported employment)",
            "housing": "housing provider",
            "education": "school or post-secondary education",
            "employer": "employer",
            "corrections": "corrections or probation",
            "tanf": "TANF",
            "faith_based": "faith-based organisation",
            "social_services": "social services",
            "transportation": "transportation services",
            "apprenticeship": "apprenticeship sponsor",
            "veterans": "veterans services",
            "advocates_and_natural_supports": "advocates and natural supports",
            "independent_living": "centre for independent living",
            "health_care": "health care",
        }


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
    applied = "applied"
    not_eligible = "not_eligible"

    @property
    def counts(self) -> bool:
        """Eligible or presumed eligible: the statuses on which a program may commit services."""
        return self in (EligibilityStatus.eligible, EligibilityStatus.presumed_eligible)

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "eligible": "eligible",
            "presumed_eligible": "presumed eligible",
            "applied": "applied, decision pending",
            "not_eligible": "not eligible",
        }


class Stage(_Labelled):
    """Where a service sits on the road to the goal. Plan phases name their stage, and programs
    say the last stage they serve, so the checker can compare them. Ordered earliest first."""

    preparation = "preparation"
    training = "training"
    job_search = "job_search"
    early_employment = "early_employment"
    long_term = "long_term"

    @property
    def order(self) -> int:
        return list(Stage).index(self)

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "preparation": "before training or job search",
            "training": "during training",
            "job_search": "job search and placement",
            "early_employment": "the first months on the job",
            "long_term": "long-term supports after the first months",
        }


class ServiceCategory(_Labelled):
    """A shared name for what a service does, so services of different programs can be compared
    (two partners committing the same category in the same phase is duplication)."""

    career_counselling = "career_counselling"
    job_development = "job_development"
    job_coaching = "job_coaching"
    resume_and_interview = "resume_and_interview"
    tuition_and_fees = "tuition_and_fees"
    tools_and_equipment = "tools_and_equipment"
    tutoring = "tutoring"
    transportation = "transportation"
    benefits_counselling = "benefits_counselling"
    financial_coaching = "financial_coaching"
    behavioural_health_treatment = "behavioural_health_treatment"
    substance_use_treatment = "substance_use_treatment"
    medical_care = "medical_care"
    housing_assistance = "housing_assistance"
    childcare = "childcare"
    assistive_technology = "assistive_technology"
    accommodations = "accommodations"
    case_management = "case_management"
    legal_help = "legal_help"
    supervision_flexibility = "supervision_flexibility"
    peer_support = "peer_support"
    personal_support = "personal_support"
    cash_assistance = "cash_assistance"
    work_experience = "work_experience"
    apprenticeship_training = "apprenticeship_training"
    hiring = "hiring"
    documents_and_ids = "documents_and_ids"
    digital_skills = "digital_skills"
    language_classes = "language_classes"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "career_counselling": "career counselling and guidance",
            "job_development": "job development and placement",
            "job_coaching": "job coaching and follow-along support",
            "resume_and_interview": "résumé and interview preparation",
            "tuition_and_fees": "tuition and fees",
            "tools_and_equipment": "tools, uniforms and equipment",
            "tutoring": "tutoring",
            "transportation": "transportation",
            "benefits_counselling": "benefits and work-incentives counselling",
            "financial_coaching": "financial coaching and saving",
            "behavioural_health_treatment": "behavioural health treatment",
            "substance_use_treatment": "substance use treatment",
            "medical_care": "medical care",
            "housing_assistance": "housing assistance",
            "childcare": "childcare",
            "assistive_technology": "assistive technology",
            "accommodations": "accommodations",
            "case_management": "case management",
            "legal_help": "legal help",
            "supervision_flexibility": "flexible supervision schedule",
            "peer_support": "peer support",
            "personal_support": "personal support and encouragement",
            "cash_assistance": "cash assistance",
            "work_experience": "work experience",
            "apprenticeship_training": "apprenticeship training",
            "hiring": "hiring and on-the-job training",
            "documents_and_ids": "identity documents",
            "digital_skills": "computer skills and access",
            "language_classes": "English language classes",
        }


class Population(_Labelled):
    """Groups the IPS overview deck and the issue name as target populations."""

    tanf_recipient = "tanf_recipient"
    substance_use = "substance_use"
    mental_illness = "mental_illness"
    physical_disability = "physical_disability"
    sensory_disability = "sensory_disability"
    acquired_brain_injury = "acquired_brain_injury"
    intellectual_or_developmental_disability = "intellectual_or_developmental_disability"
    homelessness = "homelessness"
    veteran = "veteran"
    justice_involved = "justice_involved"
    youth_in_transition = "youth_in_transition"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "tanf_recipient": "TANF recipient",
            "substance_use": "substance use disorder",
            "mental_illness": "mental illness",
            "physical_disability": "physical disability",
            "sensory_disability": "sensory disability",
            "acquired_brain_injury": "acquired brain injury",
            "intellectual_or_developmental_disability": "intellectual or developmental disability",
            "homelessness": "experiencing homelessness",
            "veteran": "veteran",
            "justice_involved": "justice involved",
            "youth_in_transition": "youth in transition",
        }


class Benefit(_Labelled):
    """Public benefits a customer receives; work affects several of them."""

    ssi = "ssi"
    ssdi = "ssdi"
    snap = "snap"
    tanf = "tanf"
    medicaid = "medicaid"
    medicare = "medicare"
    housing_voucher = "housing_voucher"
    va_disability = "va_disability"
    unemployment_insurance = "unemployment_insurance"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "ssi": "SSI",
            "ssdi": "SSDI",
            "snap": "SNAP",
            "tanf": "TANF cash assistance",
            "medicaid": "Medicaid",
            "medicare": "Medicare",
            "housing_voucher": "housing voucher",
            "va_disability": "VA disability compensation",
            "unemployment_insurance": "unemployment insurance",
        }

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
