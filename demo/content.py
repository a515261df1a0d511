"""The demo content, from the delegation report in ``shared/seed/`` (September 2026).

Every translatable text is a pair ``(German, Simplified Chinese)``; the loader builds the German
pages and snippets from the first element and the Chinese translations, through
wagtail-localize, from the second. Synchronised values (dates, numbers, codes, legal names) are
plain values. Persons, e-mail addresses and the companies marked "fiktiv" are invented examples.
"""

import datetime

DELEGATION_START = datetime.date(2026, 9, 10)

SECTORS = [
    {
        "key": "automation",
        "name": ("Automatisierung und Robotik", "自动化与机器人"),
        "nace_code": "28.99",
        "gbt_code": "3491",
    },
    {
        "key": "it",
        "name": ("Informationstechnologie und Software", "信息技术与软件"),
        "nace_code": "62",
        "gbt_code": "65",
    },
    {
        "key": "digitalisation",
        "name": ("Digitalisierung und Industrie 4.0", "数字化与工业4.0"),
        "nace_code": "",
        "gbt_code": "",
    },
    {
        "key": "automotive",
        "name": ("Automobil und Zulieferer", "汽车及零部件"),
        "nace_code": "29",
        "gbt_code": "36",
    },
    {
        "key": "machinery",
        "name": ("Maschinen- und Anlagenbau", "机械与设备制造"),
        "nace_code": "28",
        "gbt_code": "34",
    },
    {
        "key": "food",
        "name": ("Nahrungsmittel", "食品"),
        "nace_code": "10",
        "gbt_code": "14",
    },
    {
        "key": "energy",
        "name": ("Energie", "能源"),
        "nace_code": "35",
        "gbt_code": "44",
    },
    {
        "key": "household",
        "name": ("Haushaltsgeräte", "家用电器"),
        "nace_code": "27.51",
        "gbt_code": "385",
    },
    {
        "key": "education",
        "name": ("Bildung und Berufsausbildung", "教育与职业培训"),
        "nace_code": "85",
        "gbt_code": "83",
    },
    {
        "key": "research",
        "name": ("Forschung und Entwicklung", "研究与开发"),
        "nace_code": "72",
        "gbt_code": "73",
    },
    {
        "key": "real_estate",
        "name": ("Gewerbeflächen und Industrieparks", "产业园区与商业地产"),
        "nace_code": "68",
        "gbt_code": "70",
    },
]

# After the Enterprise Europe Network's partnering types (PRODUCT.md).
COOPERATION_TYPES = [
    {
        "code": "technology-offer",
        "category": "technology",
        "name": ("Technologieangebot", "技术供给"),
        "description": (
            "Eine eigene Technologie oder ein Know-how, das Partnern angeboten wird.",
            "向合作伙伴提供自有技术或专有知识。",
        ),
    },
    {
        "code": "technology-request",
        "category": "technology",
        "name": ("Technologiegesuch", "技术需求"),
        "description": (
            "Gesucht wird eine Technologie oder Lösung für ein konkretes Problem.",
            "为具体问题寻找技术或解决方案。",
        ),
    },
    {
        "code": "distribution",
        "category": "business",
        "name": ("Vertriebspartnerschaft", "分销合作"),
        "description": (
            "Vertrieb von Produkten im Partnerland über einen lokalen Partner.",
            "通过当地合作伙伴在对方国家销售产品。",
        ),
    },
    {
        "code": "joint-venture",
        "category": "business",
        "name": ("Joint Venture", "合资企业"),
        "description": (
            "Gründung eines gemeinsamen Unternehmens mit einem Partner.",
            "与合作伙伴共同成立企业。",
        ),
    },
    {
        "code": "subcontracting",
        "category": "business",
        "name": ("Zulieferung und Lohnfertigung", "供应与代工生产"),
        "description": (
            "Fertigung von Teilen oder Baugruppen im Auftrag eines Partners.",
            "受合作伙伴委托生产零部件或组件。",
        ),
    },
    {
        "code": "licensing",
        "category": "business",
        "name": ("Lizenzvereinbarung", "许可协议"),
        "description": (
            "Nutzung von Patenten, Marken oder Software gegen Lizenzgebühr.",
            "通过支付许可费使用专利、商标或软件。",
        ),
    },
    {
        "code": "production-space",
        "category": "space",
        "name": ("Büro- und Produktionsflächen", "办公与生产场地"),
        "description": (
            "Flächen für die Ansiedlung von Büros oder Fertigung im Partnerland.",
            "在对方国家设立办公室或生产基地所需的场地。",
        ),
    },
    {
        "code": "research-cooperation",
        "category": "research",
        "name": ("Forschungskooperation", "科研合作"),
        "description": (
            "Gemeinsame Forschungs- und Entwicklungsprojekte.",
            "共同开展研究与开发项目。",
        ),
    },
    {
        "code": "skilled-workers",
        "category": "people",
        "name": ("Fachkräfte und Ausbildung", "专业人才与培训"),
        "description": (
            "Austausch und Entsendung von Fachkräften, gemeinsame Ausbildungsprogramme.",
            "专业人才的交流与派遣，以及联合培训项目。",
        ),
    },
    {
        "code": "startup-exchange",
        "category": "startup",
        "name": ("Startup-Austausch", "初创企业交流"),
        "description": (
            "Austauschprogramme, Besuche und Konferenzen für Startups beider Länder.",
            "面向两国初创企业的交流项目、参访和会议。",
        ),
    },
]

NEWS_CATEGORIES = [
    {"slug": "delegation", "name": ("Delegation", "代表团")},
    {"slug": "kooperation", "name": ("Kooperation", "合作")},
    {"slug": "repraesentanzen", "name": ("Repräsentanzen", "代表处")},
    {"slug": "veranstaltungen", "name": ("Veranstaltungen", "活动")},
]

# Invented persons; the addresses use the reserved example.org domain.
CONTACT_PERSONS = [
    {
        "key": "yangzhou",
        "name": "Chen Jing",
        "role": ("Leiterin der Repräsentanz Yangzhou", "扬州代表处负责人"),
        "email": "yangzhou@example.org",
        "phone": "+86 514 0000 0001",
    },
    {
        "key": "shanghai",
        "name": "Wang Lei",
        "role": ("Leiter der Repräsentanz Shanghai", "上海代表处负责人"),
        "email": "shanghai@example.org",
        "phone": "+86 21 0000 0002",
    },
    {
        "key": "foshan",
        "name": "Liu Fang",
        "role": ("Leiterin der Repräsentanz Foshan", "佛山代表处负责人"),
        "email": "foshan@example.org",
        "phone": "+86 757 0000 0003",
    },
    {
        "key": "kaiserslautern",
        "name": "Anna Becker",
        "role": (
            "China-Projekt, Wirtschaftsförderung Kaiserslautern",
            "凯泽斯劳滕经济促进机构中国项目",
        ),
        "email": "china@example.org",
        "phone": "+49 631 0000 0004",
    },
]

HOME = {
    "slug": ("start", "shouye"),
    "title": ("Wirtschaftsregion Kaiserslautern – China", "凯泽斯劳滕经济区 – 中国"),
    "intro": (
        "Die Plattform für deutsch-chinesische Geschäftsbeziehungen der Wirtschaftsregion "
        "Kaiserslautern: Unternehmensprofile, Partnerregionen, Repräsentanzen, Nachrichten und "
        "Veranstaltungen.",
        "凯泽斯劳滕经济区中德商务合作平台：企业简介、合作地区、代表处、新闻与活动。",
    ),
    "body": [
        (
            "Im September 2026 reiste eine Delegation der Wirtschaftsregion Kaiserslautern nach "
            "Yangzhou, Chuzhou, Shanghai und Foshan. Seitdem ist die Region mit drei "
            "Repräsentanzen in den drei wirtschaftlich stärksten Provinzen Chinas vertreten.",
            "2026年9月，凯泽斯劳滕经济区代表团访问了扬州、滁州、上海和佛山。此后，"
            "该地区在中国经济实力最强的三个省份设立了三个代表处。",
        ),
        (
            "Hier finden Unternehmen und Institutionen aus beiden Ländern Partner, "
            "Ansprechpersonen "
            "und Flächen – und nehmen direkt über die Plattform Kontakt auf.",
            "两国的企业和机构可以在这里找到合作伙伴、联系人和场地，并直接通过平台取得联系。",
        ),
    ],
}

INDEXES = {
    "regions": {
        "slug": ("regionen", "diqu"),
        "title": ("Regionen", "地区"),
        "intro": (
            "Die Heimatregion Kaiserslautern und ihre Partnerregionen in China.",
            "家乡地区凯泽斯劳滕及其在中国的合作地区。",
        ),
    },
    "organisations": {
        "slug": ("organisationen", "qiye-jigou"),
        "title": ("Unternehmen und Institutionen", "企业与机构"),
        "intro": (
            "Profile von Unternehmen, Startups, Hochschulen, Forschungsinstituten und "
            "Industrieparks aus Deutschland und China.",
            "来自德国和中国的企业、初创企业、高校、科研院所和产业园区简介。",
        ),
    },
    "news": {
        "slug": ("nachrichten", "xinwen"),
        "title": ("Nachrichten", "新闻"),
        "intro": (
            "Neuigkeiten aus dem China-Projekt der Wirtschaftsregion Kaiserslautern.",
            "凯泽斯劳滕经济区中国项目的最新动态。",
        ),
    },
    "events": {
        "slug": ("veranstaltungen", "huodong"),
        "title": ("Veranstaltungen", "活动"),
        "intro": (
            "Informationsveranstaltungen, Delegationsreisen und Startup-Konferenzen.",
            "信息发布会、代表团考察和初创企业大会。",
        ),
    },
}

REGIONS = [
    {
        "key": "kaiserslautern",
        "slug": "kaiserslautern",
        "title": ("Kaiserslautern", "凯泽斯劳滕"),
        "country": "DE",
        "province": ("Rheinland-Pfalz", "莱茵兰-普法尔茨州"),
        "role": "home",
        "summary": (
            "Die Wirtschaftsregion Kaiserslautern in Rheinland-Pfalz: Technologie- und "
            "Hochschulstandort mit Stärken in IT, Software und Automatisierung.",
            "位于莱茵兰-普法尔茨州的凯泽斯劳滕经济区是科技与高校重镇，"
            "在信息技术、软件和自动化领域具有优势。",
        ),
        "body": [
            (
                "Die Wirtschaftsförderung Kaiserslautern setzt das China-Projekt fort: mit "
                "Standortmarketing, Internationalisierung und der Unterstützung von Anfragen "
                "ansässiger Unternehmen.",
                "凯泽斯劳滕经济促进机构将继续推进中国项目：开展区位营销、推动国际化，"
                "并为当地企业的咨询提供支持。",
            ),
        ],
        "sectors": ["it", "automation", "research"],
        "key_facts": [
            (("Repräsentanzen in China", "在华代表处"), ("3", "3个")),
            (("Partnerregionen", "合作地区"), ("4", "4个")),
        ],
        "milestones": [
            (
                datetime.date(2026, 9, 10),
                ("Delegationsreise nach China", "赴华代表团考察"),
                (
                    "Delegation nach Yangzhou, Chuzhou, Shanghai und Foshan vom 10. bis 17. "
                    "September.",
                    "9月10日至17日，代表团访问扬州、滁州、上海和佛山。",
                ),
            ),
        ],
        "latitude": "49.444700",
        "longitude": "7.768900",
        "partners": [],
        "image": "Kaiserslautern",
    },
    {
        "key": "yangzhou",
        "slug": "yangzhou",
        "title": ("Yangzhou", "扬州"),
        "country": "CN",
        "province": ("Jiangsu", "江苏省"),
        "role": "partner",
        "summary": (
            "Partnerregion in der Provinz Jiangsu mit Schwerpunkt Automatisierung und IT; "
            "hier wurde das MoU unterzeichnet und die erste Repräsentanz eröffnet.",
            "江苏省的合作地区，重点领域为自动化和信息技术；双方在此签署合作备忘录，"
            "并开设了第一个代表处。",
        ),
        "body": [
            (
                "Die Wirtschaftsregion Kaiserslautern und Yangzhou haben eine Absichtserklärung "
                "über die wirtschaftliche und technologische Zusammenarbeit unterzeichnet.",
                "凯泽斯劳滕经济区与扬州签署了关于经济和技术合作的合作备忘录。",
            ),
            (
                "Die Repräsentanz im Technologiezentrum Yangzhou bietet 1.600 m² Fläche mit "
                "Büroräumen und Co-Working Space.",
                "位于扬州科技中心的代表处拥有1600平方米的面积，设有办公室和联合办公空间。",
            ),
        ],
        "sectors": ["automation", "it"],
        "key_facts": [
            (("Fläche der Repräsentanz", "代表处面积"), ("1.600 m²", "1600平方米")),
            (("Schwerpunkte", "重点领域"), ("Automatisierung und IT", "自动化和信息技术")),
        ],
        "milestones": [
            (
                datetime.date(2026, 9, 11),
                ("MoU unterzeichnet", "签署合作备忘录"),
                (
                    "Absichtserklärung zwischen der Wirtschaftsregion Kaiserslautern und Yangzhou.",
                    "凯泽斯劳滕经济区与扬州签署合作备忘录。",
                ),
            ),
            (
                datetime.date(2026, 9, 11),
                ("Repräsentanz eröffnet", "代表处开业"),
                ("Im Technologiezentrum Yangzhou.", "位于扬州科技中心。"),
            ),
        ],
        "latitude": "32.394200",
        "longitude": "119.412900",
        "partners": ["yangzhou-tech-centre"],
        "image": "Yangzhou",
    },
    {
        "key": "chuzhou",
        "slug": "chuzhou",
        "title": ("Chuzhou", "滁州"),
        "country": "CN",
        "province": ("Anhui", "安徽省"),
        "role": "partner",
        "summary": (
            "Typischer Industriestandort in der Provinz Anhui: Automobil, Ausrüstung, "
            "Nahrungsmittel, Energie und Haushaltsgeräte; Berufsschulen und Fachkräfte.",
            "安徽省典型的工业基地：汽车、装备、食品、能源和家电产业；拥有多所职业学校和专业人才。",
        ),
        "body": [
            (
                "In Chuzhou sind diverse Berufsschulen mit verschiedenen "
                "Fachausbildungen ansässig; "
                "eine Entsendung von Fachkräften nach Kaiserslautern ist möglich.",
                "滁州有多所提供不同专业培训的职业学校，可向凯泽斯劳滕派遣专业人才。",
            ),
            (
                "Die ansässigen Industrieunternehmen suchen nach Optimierungsmöglichkeiten und "
                "Forschungspartnern.",
                "当地工业企业正在寻求优化方案和科研合作伙伴。",
            ),
        ],
        "sectors": ["automotive", "machinery", "food", "energy", "household", "education"],
        "key_facts": [
            (
                ("Branchen", "产业"),
                ("Automobil, Ausrüstung, Energie", "汽车、装备、能源"),
            ),
        ],
        "milestones": [
            (
                datetime.date(2026, 9, 13),
                ("Besuch der Delegation", "代表团来访"),
                (
                    "Gespräche mit Industrieunternehmen und Berufsschulen.",
                    "与工业企业和职业学校进行会谈。",
                ),
            ),
        ],
        "latitude": "32.301600",
        "longitude": "118.316100",
        "partners": [],
        "image": "Chuzhou",
    },
    {
        "key": "shanghai",
        "slug": "shanghai",
        "title": ("Shanghai", "上海"),
        "country": "CN",
        "province": ("Shanghai", "上海市"),
        "role": "partner",
        "summary": (
            "Repräsentanz in Shanghai; Kooperation mit dem Technologiezentrum der Jiao Tong "
            "Universität (600 Startups) und dem Qingpu-Industriepark (2.000 Industrieunternehmen).",
            "上海代表处；与上海交通大学科技中心（600家初创企业）和青浦工业园区"
            "（2000家工业企业）开展合作。",
        ),
        "body": [
            (
                "In Shanghai besteht eine große Nachfrage nach Startup-Austausch und "
                "Startup-Konferenzen.",
                "上海对初创企业交流和初创企业大会的需求很大。",
            ),
            (
                "Für Unternehmen aus Kaiserslautern gibt es potenzielle Büro- und "
                "Produktionsflächen.",
                "可为凯泽斯劳滕企业提供潜在的办公和生产场地。",
            ),
        ],
        "sectors": ["it", "research", "real_estate"],
        "key_facts": [
            (("Startups im Technologiezentrum", "科技中心初创企业"), ("600", "600家")),
            (("Unternehmen im Qingpu-Industriepark", "青浦工业园区企业"), ("2.000", "2000家")),
        ],
        "milestones": [
            (
                datetime.date(2026, 9, 15),
                ("Repräsentanz eröffnet", "代表处开业"),
                ("Eröffnung der Repräsentanz Shanghai.", "上海代表处正式开业。"),
            ),
        ],
        "latitude": "31.230400",
        "longitude": "121.473700",
        "partners": ["sjtu-tech-centre", "qingpu-industrial-park"],
        "image": "Shanghai",
    },
    {
        "key": "foshan",
        "slug": "foshan",
        "title": ("Foshan", "佛山"),
        "country": "CN",
        "province": ("Guangdong", "广东省"),
        "role": "partner",
        "summary": (
            "Repräsentanz in Foshan; Kooperationswünsche in Automatisierung, Digitalisierung "
            "und gemeinsamer Forschung, etwa mit Bright Dream Robotics und der Robotation Academy.",
            "佛山代表处；希望在自动化、数字化和联合研究领域开展合作，"
            "例如与博智林机器人公司和Robotation学院合作。",
        ),
        "body": [
            (
                "Die Delegation besuchte Bright Dream Robotics, eine Tochtergesellschaft des "
                "Fortune-500-Unternehmens Country Garden, und die Robotation Academy.",
                "代表团参观了世界500强企业碧桂园旗下的博智林机器人公司以及Robotation学院。",
            ),
        ],
        "sectors": ["automation", "digitalisation", "research"],
        "key_facts": [
            (("Schwerpunkte", "重点领域"), ("Robotik und Digitalisierung", "机器人与数字化")),
        ],
        "milestones": [
            (
                datetime.date(2026, 9, 16),
                ("Repräsentanz eröffnet", "代表处开业"),
                ("Eröffnung der Repräsentanz Foshan.", "佛山代表处正式开业。"),
            ),
        ],
        "latitude": "23.021500",
        "longitude": "113.121400",
        "partners": ["bright-dream-robotics", "robotation-academy"],
        "image": "Foshan",
    },
]

OFFICES = [
    {
        "key": "yangzhou",
        "region": "yangzhou",
        "slug": "repraesentanz-yangzhou",
        "slug_zh": "yangzhou-daibiaochu",
        "title": ("Repräsentanz Yangzhou", "扬州代表处"),
        "status": "open",
        "opening_date": datetime.date(2026, 9, 11),
        "summary": (
            "Die erste Repräsentanz der Wirtschaftsregion Kaiserslautern in China, im "
            "Technologiezentrum Yangzhou.",
            "凯泽斯劳滕经济区在中国的第一个代表处，位于扬州科技中心。",
        ),
        "host_institution": ("Technologiezentrum Yangzhou", "扬州科技中心"),
        "street": ("Technologiezentrum Yangzhou", "扬州科技中心"),
        "postal_code": "225000",
        "city": ("Yangzhou", "扬州"),
        "floor_area_m2": 1600,
        "facilities": ["offices", "coworking", "meeting_rooms"],
        "services": [
            (
                ("Co-Working für Unternehmen aus Kaiserslautern", "为凯泽斯劳滕企业提供联合办公"),
                (
                    "Arbeitsplätze auf Zeit für den Markteintritt in Jiangsu.",
                    "为进入江苏市场提供临时办公位。",
                ),
            ),
            (
                ("Vermittlung von Kontakten", "对接联系"),
                (
                    "Kontakte zu Behörden, Unternehmen und Hochschulen in Yangzhou.",
                    "对接扬州的政府部门、企业和高校。",
                ),
            ),
        ],
        "contacts": ["yangzhou"],
        "latitude": "32.394200",
        "longitude": "119.412900",
    },
    {
        "key": "shanghai",
        "region": "shanghai",
        "slug": "repraesentanz-shanghai",
        "slug_zh": "shanghai-daibiaochu",
        "title": ("Repräsentanz Shanghai", "上海代表处"),
        "status": "open",
        "opening_date": datetime.date(2026, 9, 15),
        "summary": (
            "Anlaufstelle für Startups und Industrieunternehmen in Shanghai, in Zusammenarbeit "
            "mit dem Technologiezentrum der Jiao Tong Universität.",
            "面向上海初创企业和工业企业的联络点，与上海交通大学科技中心合作运营。",
        ),
        "host_institution": (
            "Technologiezentrum der Jiao Tong Universität Shanghai",
            "上海交通大学科技中心",
        ),
        "street": ("Dongchuan Road 800", "东川路800号"),
        "postal_code": "200240",
        "city": ("Shanghai", "上海"),
        "floor_area_m2": None,
        "facilities": ["offices", "meeting_rooms", "event_space"],
        "services": [
            (
                ("Startup-Austausch", "初创企业交流"),
                (
                    "Begleitung von Startups aus beiden Ländern, Startup-Konferenzen.",
                    "为两国初创企业提供支持，举办初创企业大会。",
                ),
            ),
            (
                ("Flächensuche", "场地寻找"),
                (
                    "Vermittlung von Büro- und Produktionsflächen, etwa im Qingpu-Industriepark.",
                    "协助寻找办公和生产场地，例如青浦工业园区。",
                ),
            ),
        ],
        "contacts": ["shanghai"],
        "latitude": "31.025000",
        "longitude": "121.433000",
    },
    {
        "key": "foshan",
        "region": "foshan",
        "slug": "repraesentanz-foshan",
        "slug_zh": "foshan-daibiaochu",
        "title": ("Repräsentanz Foshan", "佛山代表处"),
        "status": "open",
        "opening_date": datetime.date(2026, 9, 16),
        "summary": (
            "Die Repräsentanz in der Provinz Guangdong, nah an den Robotik- und "
            "Automatisierungsunternehmen des Perlflussdeltas.",
            "位于广东省的代表处，毗邻珠三角的机器人和自动化企业。",
        ),
        "host_institution": ("", ""),
        "street": ("", ""),
        "postal_code": "528000",
        "city": ("Foshan", "佛山"),
        "floor_area_m2": None,
        "facilities": ["offices", "meeting_rooms"],
        "services": [
            (
                ("Kooperationen in der Robotik", "机器人领域合作"),
                (
                    "Kontakte zu Robotikunternehmen und gemeinsamen Forschungsprojekten.",
                    "对接机器人企业和联合研究项目。",
                ),
            ),
        ],
        "contacts": ["foshan"],
        "latitude": "23.021500",
        "longitude": "113.121400",
    },
]

FICTITIOUS = ("Fiktives Beispielunternehmen. ", "虚构示例企业。")

ORGANISATIONS = [
    {
        "key": "bright-dream-robotics",
        "slug": "bright-dream-robotics",
        "title": ("Bright Dream Robotics", "博智林机器人"),
        "legal_name": "广东博智林机器人有限公司",
        "organisation_type": "company",
        "sectors": ["automation", "real_estate"],
        "size_band": "1000-4999",
        "founding_year": 2018,
        "website": "",
        "region": "foshan",
        "city": ("Foshan", "佛山"),
        "country": "CN",
        "summary": (
            "Robotikunternehmen aus Foshan, Tochtergesellschaft des Fortune-500-Unternehmens "
            "Country Garden; Roboter für das Bauwesen.",
            "来自佛山的机器人企业，世界500强企业碧桂园旗下子公司，专注于建筑机器人。",
        ),
        "description": [
            (
                "Bright Dream Robotics entwickelt Roboter für Bau und Gebäudetechnik.",
                "博智林机器人公司致力于研发建筑及楼宇技术领域的机器人。",
            ),
            (
                "Die Delegation der Wirtschaftsregion Kaiserslautern besuchte das Unternehmen im "
                "September 2026.",
                "凯泽斯劳滕经济区代表团于2026年9月参观了该公司。",
            ),
        ],
        "services": [
            (
                ("Bauroboter", "建筑机器人"),
                ("Roboter für Arbeiten auf der Baustelle.", "用于施工现场作业的机器人。"),
            ),
        ],
        "working_languages": ["zh", "en"],
        "offers": ["technology-offer"],
        "seeks": ["research-cooperation", "distribution"],
        "targets": ["kaiserslautern"],
        "image": ("BDR", "#1f6f8b"),
    },
    {
        "key": "robotation-academy",
        "slug": "robotation-academy",
        "title": ("Robotation Academy", "Robotation学院"),
        "legal_name": "Robotation Academy",
        "organisation_type": "vocational_school",
        "sectors": ["automation", "education"],
        "size_band": "",
        "founding_year": None,
        "website": "",
        "region": "foshan",
        "city": ("Foshan", "佛山"),
        "country": "CN",
        "summary": (
            "Aus- und Weiterbildung in Robotik und Automatisierung in Foshan.",
            "位于佛山的机器人与自动化教育培训机构。",
        ),
        "description": [
            (
                "Die Robotation Academy bildet Fachkräfte für Robotik und Automatisierung aus und "
                "sucht Partner für gemeinsame Programme.",
                "Robotation学院培养机器人和自动化领域的专业人才，并寻求联合项目的合作伙伴。",
            ),
        ],
        "services": [
            (
                ("Schulungen in Robotik", "机器人培训"),
                ("Kurse für Fachkräfte aus der Industrie.", "面向工业专业人员的课程。"),
            ),
        ],
        "working_languages": ["zh", "en"],
        "offers": ["skilled-workers"],
        "seeks": ["research-cooperation", "skilled-workers"],
        "targets": ["kaiserslautern"],
        "image": ("RA", "#8b1f4f"),
    },
    {
        "key": "sjtu-tech-centre",
        "slug": "technologiezentrum-jiao-tong-universitaet",
        "title": (
            "Technologiezentrum der Jiao Tong Universität Shanghai",
            "上海交通大学科技中心",
        ),
        "legal_name": "上海交通大学",
        "organisation_type": "university",
        "sectors": ["research", "it"],
        "size_band": "",
        "founding_year": 1896,
        "website": "https://www.sjtu.edu.cn/",
        "region": "shanghai",
        "city": ("Shanghai", "上海"),
        "country": "CN",
        "summary": (
            "Technologiezentrum der Shanghai Jiao Tong University mit rund 600 Startups.",
            "上海交通大学科技中心，孵化约600家初创企业。",
        ),
        "description": [
            (
                "Im Technologiezentrum der Jiao Tong Universität arbeiten rund 600 Startups. "
                "Mit der Wirtschaftsregion Kaiserslautern werden Kooperationsmöglichkeiten "
                "besprochen.",
                "上海交通大学科技中心拥有约600家初创企业，正在与凯泽斯劳滕经济区商讨合作机会。",
            ),
        ],
        "services": [
            (
                ("Startup-Inkubation", "初创企业孵化"),
                ("Begleitung junger Technologieunternehmen.", "为年轻的科技企业提供支持。"),
            ),
        ],
        "working_languages": ["zh", "en"],
        "offers": ["startup-exchange", "research-cooperation"],
        "seeks": ["startup-exchange"],
        "targets": ["kaiserslautern"],
        "image": ("SJTU", "#c8102e"),
    },
    {
        "key": "qingpu-industrial-park",
        "slug": "qingpu-industriepark",
        "title": ("Qingpu-Industriepark", "青浦工业园区"),
        "legal_name": "青浦工业园区",
        "organisation_type": "industrial_park",
        "sectors": ["real_estate", "machinery"],
        "size_band": "",
        "founding_year": None,
        "website": "",
        "region": "shanghai",
        "city": ("Shanghai-Qingpu", "上海青浦"),
        "country": "CN",
        "summary": (
            "Industriepark im Westen Shanghais mit rund 2.000 Industrieunternehmen; Büro- und "
            "Produktionsflächen für Unternehmen aus Kaiserslautern.",
            "位于上海西部的工业园区，约有2000家工业企业；可为凯泽斯劳滕企业提供办公和生产场地。",
        ),
        "description": [
            (
                "Der Qingpu-Industriepark kooperiert mit der Wirtschaftsregion Kaiserslautern und "
                "bietet Flächen für die Ansiedlung.",
                "青浦工业园区与凯泽斯劳滕经济区开展合作，并为企业落户提供场地。",
            ),
        ],
        "services": [
            (
                ("Ansiedlungsflächen", "落户场地"),
                ("Büro- und Produktionsflächen.", "办公和生产场地。"),
            ),
        ],
        "working_languages": ["zh", "en"],
        "offers": ["production-space"],
        "seeks": ["joint-venture", "subcontracting"],
        "targets": ["kaiserslautern"],
        "image": ("QP", "#2e7d32"),
    },
    {
        "key": "yangzhou-tech-centre",
        "slug": "technologiezentrum-yangzhou",
        "title": ("Technologiezentrum Yangzhou", "扬州科技中心"),
        "legal_name": "扬州科技中心",
        "organisation_type": "public_body",
        "sectors": ["automation", "it"],
        "size_band": "",
        "founding_year": None,
        "website": "",
        "region": "yangzhou",
        "city": ("Yangzhou", "扬州"),
        "country": "CN",
        "summary": (
            "Gastgeber der Repräsentanz Yangzhou: 1.600 m² mit Büroräumen und Co-Working Space.",
            "扬州代表处所在地：1600平方米，设有办公室和联合办公空间。",
        ),
        "description": [
            (
                "Das Technologiezentrum Yangzhou beherbergt die Repräsentanz der "
                "Wirtschaftsregion Kaiserslautern.",
                "扬州科技中心是凯泽斯劳滕经济区代表处的所在地。",
            ),
        ],
        "services": [
            (
                ("Co-Working Space", "联合办公空间"),
                ("Arbeitsplätze für Gründer.", "为创业者提供办公位。"),
            ),
        ],
        "working_languages": ["zh"],
        "offers": ["production-space", "startup-exchange"],
        "seeks": ["technology-offer"],
        "targets": ["kaiserslautern"],
        "image": ("YZ", "#6a1b9a"),
    },
    {
        "key": "pfalz-praezision",
        "slug": "pfalz-praezisionstechnik",
        "title": ("Pfalz Präzisionstechnik (fiktiv)", "普法尔茨精密技术（虚构）"),
        "legal_name": "Pfalz Präzisionstechnik GmbH (fiktiv)",
        "organisation_type": "company",
        "fictitious": True,
        "sectors": ["machinery", "automotive"],
        "size_band": "50-249",
        "founding_year": 1987,
        "website": "",
        "region": "kaiserslautern",
        "city": ("Kaiserslautern", "凯泽斯劳滕"),
        "country": "DE",
        "summary": (
            "Zerspanung und Baugruppen für die Automobilzulieferung.",
            "为汽车零部件供应商提供切削加工和组件。",
        ),
        "description": [
            (
                "Ein mittelständischer Zulieferer, der einen Vertriebspartner in China sucht.",
                "一家寻求中国分销合作伙伴的中型供应商。",
            ),
        ],
        "services": [
            (("CNC-Fertigung", "数控加工"), ("Präzisionsteile in Kleinserie.", "小批量精密零件。")),
        ],
        "working_languages": ["de", "en"],
        "offers": ["subcontracting", "technology-offer"],
        "seeks": ["distribution"],
        "targets": ["chuzhou", "shanghai"],
        "image": ("PP", "#37474f"),
    },
    {
        "key": "westpfalz-software",
        "slug": "westpfalz-software",
        "title": ("Westpfalz Software (fiktiv)", "西普法尔茨软件（虚构）"),
        "legal_name": "Westpfalz Software GmbH (fiktiv)",
        "organisation_type": "company",
        "fictitious": True,
        "sectors": ["it", "digitalisation"],
        "size_band": "10-49",
        "founding_year": 2009,
        "website": "",
        "region": "kaiserslautern",
        "city": ("Kaiserslautern", "凯泽斯劳滕"),
        "country": "DE",
        "summary": (
            "Software für die Produktionsplanung mittelständischer Fertiger.",
            "面向中型制造企业的生产计划软件。",
        ),
        "description": [
            (
                "Das Unternehmen sucht Pilotkunden und Lizenzpartner in China.",
                "该公司正在中国寻找试点客户和许可合作伙伴。",
            ),
        ],
        "services": [
            (
                ("Produktionsplanung", "生产计划"),
                ("Software für Fertigungssteuerung.", "生产控制软件。"),
            ),
        ],
        "working_languages": ["de", "en"],
        "offers": ["licensing", "technology-offer"],
        "seeks": ["distribution", "technology-request"],
        "targets": ["yangzhou", "foshan"],
        "image": ("WS", "#0d47a1"),
    },
    {
        "key": "barbarossa-robotics",
        "slug": "barbarossa-robotics",
        "title": ("Barbarossa Robotics (fiktiv)", "巴巴罗萨机器人（虚构）"),
        "legal_name": "Barbarossa Robotics UG (fiktiv)",
        "organisation_type": "startup",
        "fictitious": True,
        "sectors": ["automation"],
        "size_band": "1-9",
        "founding_year": 2023,
        "website": "",
        "region": "kaiserslautern",
        "city": ("Kaiserslautern", "凯泽斯劳滕"),
        "country": "DE",
        "summary": (
            "Startup für kollaborative Greifsysteme in der Montage.",
            "专注于装配协作夹持系统的初创企业。",
        ),
        "description": [
            (
                "Das Startup sucht Austausch mit Startups in Shanghai und "
                "Forschungspartner in Foshan.",
                "该初创企业希望与上海的初创企业交流，并在佛山寻找科研合作伙伴。",
            ),
        ],
        "services": [
            (
                ("Greifsysteme", "夹持系统"),
                ("Greifer für kollaborative Roboter.", "协作机器人夹持器。"),
            ),
        ],
        "working_languages": ["de", "en"],
        "offers": ["technology-offer"],
        "seeks": ["startup-exchange", "research-cooperation"],
        "targets": ["shanghai", "foshan"],
        "image": ("BR", "#e65100"),
    },
]

NEWS = [
    {
        "key": "delegation",
        "slug": "delegation-nach-china",
        "slug_zh": "fuhua-daibiaotuan",
        "title": (
            "Delegation der Wirtschaftsregion Kaiserslautern in China",
            "凯泽斯劳滕经济区代表团访华",
        ),
        "date": datetime.date(2026, 9, 18),
        "category": "delegation",
        "tags": ["Delegation", "China"],
        "teaser": (
            "Vom 10. bis 17. September besuchte eine Delegation Yangzhou, Chuzhou, Shanghai und "
            "Foshan und eröffnete drei Repräsentanzen.",
            "9月10日至17日，代表团访问了扬州、滁州、上海和佛山，并开设了三个代表处。",
        ),
        "body": [
            (
                "Die Delegation baute ein Netzwerk mit hochrangigen Vertreterinnen und Vertretern "
                "aus Politik, Wirtschaft und Technologie auf.",
                "代表团与政界、经济界和科技界的高层代表建立了联系网络。",
            ),
            (
                "Der politische Rahmen ist gesetzt; nun beginnen wirtschaftliche und "
                "technologische "
                "Projekte.",
                "政治框架已经确立，经济和技术项目随即启动。",
            ),
        ],
        "regions": ["yangzhou", "chuzhou", "shanghai", "foshan"],
        "offices": ["yangzhou", "shanghai", "foshan"],
        "organisations": [],
        "newsletter": True,
    },
    {
        "key": "mou",
        "slug": "mou-mit-yangzhou",
        "slug_zh": "yangzhou-hezuo-beiwanglu",
        "title": ("MoU mit Yangzhou unterzeichnet", "与扬州签署合作备忘录"),
        "date": datetime.date(2026, 9, 11),
        "category": "kooperation",
        "tags": ["MoU", "Yangzhou"],
        "teaser": (
            "Die Wirtschaftsregion Kaiserslautern und Yangzhou vereinbaren die Zusammenarbeit in "
            "Automatisierung und IT.",
            "凯泽斯劳滕经济区与扬州就自动化和信息技术领域的合作达成一致。",
        ),
        "body": [
            (
                "Mit der Absichtserklärung beginnt eine langfristige Partnerschaft der beiden "
                "Regionen.",
                "这份合作备忘录标志着两地长期伙伴关系的开始。",
            ),
        ],
        "quote": (
            (
                "Das MoU ist der Rahmen für konkrete Projekte unserer Unternehmen.",
                "这份备忘录为我们企业开展具体项目搭建了框架。",
            ),
            "Anna Becker",
            (
                "China-Projekt, Wirtschaftsförderung Kaiserslautern",
                "凯泽斯劳滕经济促进机构中国项目",
            ),
        ),
        "call_to_action": (("Mehr über Yangzhou", "了解扬州"), "yangzhou"),
        "regions": ["yangzhou"],
        "offices": [],
        "organisations": ["yangzhou-tech-centre"],
        "newsletter": True,
    },
    {
        "key": "office-yangzhou",
        "slug": "repraesentanz-yangzhou-eroeffnet",
        "slug_zh": "yangzhou-daibiaochu-kaiye",
        "title": ("Repräsentanz Yangzhou eröffnet", "扬州代表处开业"),
        "date": datetime.date(2026, 9, 11),
        "category": "repraesentanzen",
        "tags": ["Repräsentanz", "Yangzhou"],
        "teaser": (
            "Im Technologiezentrum Yangzhou stehen 1.600 m² mit Büroräumen und Co-Working Space "
            "bereit.",
            "扬州科技中心提供1600平方米的办公室和联合办公空间。",
        ),
        "body": [
            (
                "Unternehmen aus Kaiserslautern können die Flächen für ihren Markteintritt in "
                "Jiangsu nutzen.",
                "凯泽斯劳滕的企业可以利用这些场地进入江苏市场。",
            ),
        ],
        "regions": ["yangzhou"],
        "offices": ["yangzhou"],
        "organisations": ["yangzhou-tech-centre"],
        "newsletter": True,
    },
    {
        "key": "office-shanghai",
        "slug": "repraesentanz-shanghai-eroeffnet",
        "slug_zh": "shanghai-daibiaochu-kaiye",
        "title": ("Repräsentanz Shanghai eröffnet", "上海代表处开业"),
        "date": datetime.date(2026, 9, 15),
        "category": "repraesentanzen",
        "tags": ["Repräsentanz", "Shanghai", "Startups"],
        "teaser": (
            "Die Repräsentanz Shanghai kooperiert mit dem Technologiezentrum der Jiao Tong "
            "Universität und dem Qingpu-Industriepark.",
            "上海代表处与上海交通大学科技中心和青浦工业园区开展合作。",
        ),
        "body": [
            (
                "Die Nachfrage nach Startup-Austausch und Startup-Konferenzen ist groß.",
                "对初创企业交流和初创企业大会的需求很大。",
            ),
        ],
        "regions": ["shanghai"],
        "offices": ["shanghai"],
        "organisations": ["sjtu-tech-centre", "qingpu-industrial-park"],
        "newsletter": True,
    },
    {
        "key": "office-foshan",
        "slug": "repraesentanz-foshan-eroeffnet",
        "slug_zh": "foshan-daibiaochu-kaiye",
        "title": ("Repräsentanz Foshan eröffnet", "佛山代表处开业"),
        "date": datetime.date(2026, 9, 16),
        "category": "repraesentanzen",
        "tags": ["Repräsentanz", "Foshan", "Robotik"],
        "teaser": (
            "In Foshan besuchte die Delegation Bright Dream Robotics und die Robotation Academy.",
            "在佛山，代表团参观了博智林机器人公司和Robotation学院。",
        ),
        "body": [
            (
                "Beide Seiten wünschen sich Kooperationen in Automatisierung und Digitalisierung "
                "sowie gemeinsame Forschungsprojekte.",
                "双方希望在自动化和数字化领域开展合作，并共同开展研究项目。",
            ),
        ],
        "regions": ["foshan"],
        "offices": ["foshan"],
        "organisations": ["bright-dream-robotics", "robotation-academy"],
        "newsletter": True,
    },
    {
        "key": "chuzhou",
        "slug": "fachkraefte-aus-chuzhou",
        "slug_zh": "chuzhou-zhuanye-rencai",
        "title": ("Fachkräfte und Forschungspartner in Chuzhou", "滁州的专业人才与科研合作伙伴"),
        "date": datetime.date(2026, 9, 14),
        "category": "kooperation",
        "tags": ["Fachkräfte", "Chuzhou"],
        "teaser": (
            "Berufsschulen in Chuzhou bieten die Entsendung von Fachkräften nach Kaiserslautern "
            "an; Industrieunternehmen suchen Forschungspartner.",
            "滁州的职业学校可向凯泽斯劳滕派遣专业人才；当地工业企业正在寻找科研合作伙伴。",
        ),
        "body": [
            (
                "Chuzhou ist ein typischer Industriestandort mit Automobil, Ausrüstung, "
                "Nahrungsmitteln, Energie und Haushaltsgeräten.",
                "滁州是典型的工业基地，拥有汽车、装备、食品、能源和家电产业。",
            ),
        ],
        "regions": ["chuzhou"],
        "offices": [],
        "organisations": [],
        "newsletter": False,
    },
]

EVENTS = [
    {
        "key": "information-event",
        "slug": "informationsveranstaltung-china",
        "slug_zh": "zhongguo-xinxi-fabuhui",
        "title": (
            "Informationsveranstaltung: China-Aktivitäten der Wirtschaftsregion",
            "信息发布会：凯泽斯劳滕经济区的中国项目",
        ),
        "format": "information_event",
        "time_zone": "Europe/Berlin",
        "start": (2027, 2, 18, 17, 0),
        "end": (2027, 2, 18, 19, 30),
        "deadline": (2027, 2, 11, 23, 59),
        "location": ("Kaiserslautern", "凯泽斯劳滕"),
        "region": "kaiserslautern",
        "teaser": (
            "Für ansässige Unternehmen und Institute: die Repräsentanzen, Partnerregionen und "
            "Kooperationsmöglichkeiten in China.",
            "面向当地企业和科研机构：介绍在华代表处、合作地区及合作机会。",
        ),
        "body": [
            (
                "Die Leiterinnen und Leiter der Repräsentanzen berichten aus Yangzhou, "
                "Shanghai und "
                "Foshan.",
                "各代表处负责人将介绍扬州、上海和佛山的情况。",
            ),
        ],
    },
    {
        "key": "business-delegation",
        "slug": "wirtschaftsdelegation-china-2027",
        "slug_zh": "2027-jingji-daibiaotuan",
        "title": ("Wirtschaftsdelegation nach China 2027", "2027年赴华经济代表团"),
        "format": "delegation_trip",
        "time_zone": "Asia/Shanghai",
        "start": (2027, 5, 10, 9, 0),
        "end": (2027, 5, 16, 18, 0),
        "deadline": (2027, 3, 31, 23, 59),
        "location": ("Shanghai, Yangzhou und Foshan", "上海、扬州和佛山"),
        "region": "shanghai",
        "teaser": (
            "Eine reine Wirtschaftsdelegation für Unternehmen aus der Region Kaiserslautern.",
            "专为凯泽斯劳滕地区企业组织的经济代表团。",
        ),
        "body": [
            (
                "Auf dem Programm stehen Unternehmensbesuche, Matchmaking und Termine in den "
                "Repräsentanzen.",
                "日程包括企业参观、对接洽谈以及在各代表处的会谈。",
            ),
        ],
    },
    {
        "key": "startup-conference",
        "slug": "startup-konferenz-shanghai",
        "slug_zh": "shanghai-chuangye-dahui",
        "title": ("Deutsch-chinesische Startup-Konferenz Shanghai", "上海中德初创企业大会"),
        "format": "startup_conference",
        "time_zone": "Asia/Shanghai",
        "start": (2027, 5, 12, 9, 30),
        "end": (2027, 5, 12, 17, 0),
        "deadline": (2027, 4, 30, 23, 59),
        "location": (
            "Technologiezentrum der Jiao Tong Universität Shanghai",
            "上海交通大学科技中心",
        ),
        "region": "shanghai",
        "teaser": (
            "Startups aus Kaiserslautern und Shanghai stellen sich vor und finden Partner.",
            "来自凯泽斯劳滕和上海的初创企业展示自我并寻找合作伙伴。",
        ),
        "body": [
            (
                "Die Konferenz findet während der Wirtschaftsdelegation statt.",
                "本次大会在经济代表团访华期间举行。",
            ),
        ],
    },
    {
        "key": "robotics-webinar",
        "slug": "webinar-robotik-foshan",
        "slug_zh": "foshan-jiqiren-wangluo-yantaohui",
        "title": ("Webinar: Robotik in Foshan", "网络研讨会：佛山的机器人产业"),
        "format": "webinar",
        "time_zone": "Asia/Shanghai",
        "start": (2026, 10, 20, 16, 0),
        "end": (2026, 10, 20, 17, 0),
        "deadline": None,
        "location": ("online", "线上"),
        "region": "foshan",
        "teaser": (
            "Die Repräsentanz Foshan stellt Robotikunternehmen und Forschungspartner vor.",
            "佛山代表处介绍当地机器人企业和科研合作伙伴。",
        ),
        "body": [
            (
                "Das Webinar fand nach der Delegationsreise statt; die Aufzeichnung "
                "ist auf Anfrage "
                "erhältlich.",
                "本次网络研讨会在代表团考察之后举行，如需录像请联系我们。",
            ),
        ],
    },
]
