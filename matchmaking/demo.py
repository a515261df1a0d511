"""Demo cooperation opportunities from the delegation report (``shared/seed/``), German with
Chinese translations, loaded by ``load_demo`` through the hook ``build_demo_content``.

Chuzhou's offer needs an organisation in Chuzhou; the report names its vocational schools and
sites, so the demo adds the Chuzhou economic development zone (marked *fiktiv* in its name
where the report gives none).
"""

import datetime

from companies.models import OrganisationPage
from demo.loader import paragraphs_html
from matchmaking.models import OpportunityPage

VALID_UNTIL = datetime.date(2028, 9, 10)

CHUZHOU = {
    "key": "chuzhou-development-zone",
    "slug": "wirtschaftsentwicklungszone-chuzhou",
    "title": ("Wirtschaftsentwicklungszone Chuzhou", "滁州经济技术开发区"),
    "legal_name": "滁州经济技术开发区",
    "organisation_type": "public_body",
    "sectors": ["real_estate", "education", "machinery"],
    "region": "chuzhou",
    "city": ("Chuzhou", "滁州"),
    "summary": (
        "Ansiedlungsflächen und Fachkräfte aus den Berufsschulen der Stadt Chuzhou.",
        "滁州市的落户场地以及来自职业学校的专业人才。",
    ),
    "description": [
        (
            "Die Entwicklungszone vermittelt Flächen für Produktion und Büros sowie Fachkräfte "
            "aus den Berufsschulen in Chuzhou.",
            "开发区为生产和办公提供场地，并对接滁州各职业学校的专业人才。",
        ),
    ],
    "offers": ["production-space", "skilled-workers"],
    "seeks": ["joint-venture", "subcontracting", "technology-offer"],
    "targets": ["kaiserslautern"],
}

OPPORTUNITIES = [
    {
        "owner": "yangzhou-tech-centre",
        "slug": ("automatisierung-it-yangzhou", "automatisierung-it-yangzhou-zh"),
        "kind": "business-offer",
        "title": (
            "Technologiezentrum Yangzhou sucht Automatisierungs- und IT-Unternehmen",
            "扬州科技中心寻求自动化和信息技术企业",
        ),
        "summary": (
            "1.600 m² mit Büroräumen und Co-Working Space für Unternehmen der Automatisierung "
            "und Informationstechnik aus Kaiserslautern.",
            "1600平方米的办公室和联合办公空间，面向来自凯泽斯劳滕的自动化和信息技术企业。",
        ),
        "description": [
            (
                "Das Technologiezentrum Yangzhou bietet Flächen für Büros und Co-Working sowie "
                "Unterstützung bei der Ansiedlung in Yangzhou.",
                "扬州科技中心提供办公和联合办公场地，并为在扬州落户提供支持。",
            ),
        ],
        "partner_sought": (
            "Unternehmen der Automatisierung, Robotik und Software, die in China Fuß fassen "
            "wollen.",
            "希望进入中国市场的自动化、机器人和软件企业。",
        ),
        "sectors": ["automation", "it"],
        "cooperation_types": ["production-space", "startup-exchange"],
        "target_countries": ["DE"],
        "targets": ["kaiserslautern"],
    },
    {
        "owner": "chuzhou-development-zone",
        "slug": ("standorte-fachkraefte-chuzhou", "standorte-fachkraefte-chuzhou-zh"),
        "kind": "business-offer",
        "title": (
            "Standorte und Fachkräfte aus den Berufsschulen in Chuzhou",
            "滁州的落户场地和职业学校专业人才",
        ),
        "summary": (
            "Chuzhou bietet Ansiedlungsflächen und gut ausgebildete Fachkräfte aus seinen "
            "Berufsschulen.",
            "滁州提供落户场地以及来自职业学校的高素质专业人才。",
        ),
        "description": [
            (
                "In Chuzhou bilden mehrere Berufsschulen Fachkräfte für Maschinenbau und "
                "Fertigung aus; die Entwicklungszone vermittelt Standorte.",
                "滁州多所职业学校培养机械制造和生产领域的专业人才；开发区提供落户选址服务。",
            ),
        ],
        "partner_sought": (
            "Produzierende Unternehmen aus Deutschland, die einen Standort in China suchen.",
            "寻求在中国设立基地的德国制造企业。",
        ),
        "sectors": ["machinery", "education", "real_estate"],
        "cooperation_types": ["production-space", "skilled-workers"],
        "target_countries": ["DE"],
        "targets": ["kaiserslautern"],
    },
    {
        "owner": "robotation-academy",
        "slug": ("robotik-schulungen-foshan", "robotik-schulungen-foshan-zh"),
        "kind": "business-offer",
        "title": (
            "Schulungen in Robotik und Automatisierung in Foshan",
            "佛山机器人与自动化培训",
        ),
        "summary": (
            "Die Robotation Academy bietet Schulungen für Fachkräfte in Robotik und "
            "Automatisierung an.",
            "Robotation学院为专业人员提供机器人和自动化培训。",
        ),
        "description": [
            (
                "Kurse für Fachkräfte aus der Industrie, auch als gemeinsames Programm mit "
                "Partnern aus Deutschland.",
                "面向工业专业人员的课程，也可与德国合作伙伴开展联合项目。",
            ),
        ],
        "partner_sought": (
            "Unternehmen und Bildungsträger, die Fachkräfte in Robotik ausbilden wollen.",
            "希望培养机器人专业人才的企业和教育机构。",
        ),
        "sectors": ["automation", "education"],
        "cooperation_types": ["skilled-workers"],
        "target_countries": ["DE"],
        "targets": ["kaiserslautern"],
    },
    {
        "owner": "pfalz-praezision",
        "slug": ("vertriebspartner-china-praezisionsteile", "vertriebspartner-china-zh"),
        "kind": "business-request",
        "title": (
            "Vertriebspartner in China für Präzisionsteile gesucht",
            "为精密零件寻找中国分销合作伙伴",
        ),
        "summary": (
            "Ein Kaiserslauterer Zulieferer sucht einen Vertriebspartner für Präzisionsteile "
            "und Baugruppen in China.",
            "一家凯泽斯劳滕供应商正在为其精密零件和组件寻找中国分销合作伙伴。",
        ),
        "description": [
            (
                "Gesucht wird ein Händler mit Kontakten zur Automobil- und Maschinenbauindustrie.",
                "寻找与汽车和机械制造行业有联系的经销商。",
            ),
        ],
        "partner_sought": (
            "Ein Vertriebspartner in China mit Kunden im Maschinenbau und in der "
            "Automobilzulieferung.",
            "在中国拥有机械制造和汽车零部件客户的分销合作伙伴。",
        ),
        "sectors": ["machinery", "automotive"],
        "cooperation_types": ["distribution"],
        "target_countries": ["CN"],
        "targets": ["chuzhou", "shanghai"],
    },
]


def build(loader, indexes):
    """Create what is missing: the Chuzhou organisation and the opportunities."""
    organisations = dict(loader.organisations)
    organisations[CHUZHOU["key"]] = chuzhou(loader, indexes["organisations"])
    for spec in OPPORTUNITIES:
        opportunity(loader, organisations[spec["owner"]], spec)


def chuzhou(loader, index):
    spec = CHUZHOU
    values = {
        "title": spec["title"][0],
        "legal_name": spec["legal_name"],
        "organisation_type": spec["organisation_type"],
        "region": loader.regions[spec["region"]],
        "city": spec["city"][0],
        "country": "CN",
        "summary": spec["summary"][0],
        "description": paragraphs_html(de for de, _zh in spec["description"]),
        "working_languages": ["zh", "en"],
        "contact_email": f"{spec['key']}@example.org",
        "profile_reviewed_at": datetime.date(2026, 9, 30),
    }
    pairs = [spec["title"], spec["city"], spec["summary"], *spec["description"]]

    def relations(page):
        page.sectors.set([loader.sectors[key] for key in spec["sectors"]])
        page.offers.set([loader.cooperation_types[code] for code in spec["offers"]])
        page.seeks.set([loader.cooperation_types[code] for code in spec["seeks"]])
        page.target_regions.set([loader.regions[key] for key in spec["targets"]])

    return loader.page(index, OrganisationPage, spec["slug"], values, pairs, relations)


def opportunity(loader, owner, spec):
    values = {
        "title": spec["title"][0],
        "kind": spec["kind"],
        "summary": spec["summary"][0],
        "description": paragraphs_html(de for de, _zh in spec["description"]),
        "partner_sought": spec["partner_sought"][0],
        "target_countries": spec["target_countries"],
        "valid_until": VALID_UNTIL,
    }
    pairs = [spec["title"], spec["summary"], *spec["description"], spec["partner_sought"]]

    def relations(page):
        page.sectors.set([loader.sectors[key] for key in spec["sectors"]])
        page.cooperation_types.set(
            [loader.cooperation_types[code] for code in spec["cooperation_types"]]
        )
        page.target_regions.set([loader.regions[key] for key in spec["targets"]])

    return loader.page(owner, OpportunityPage, spec["slug"], values, pairs, relations)
