"""Development wording bank: titles, bodies and figure phrasings, open to the checker's authors.

Written from how candidates write (and the glossary of ../shared/DOMAIN.md), never from the
checker's lexicon. The held-out bank (tests/variants/heldout/) has the same shape and other
words; do not copy phrasings from one to the other.
"""

from __future__ import annotations

from tests.variants.bank import Bank, Company, ElementText, PartText


def P(named: list[str], synonym: list[str], question: list[str], *bodies) -> PartText:
    return PartText({"named": named, "synonym": synonym, "question": question}, list(bodies))


def E(named, synonym, question, bodies=None, parts=None, mentions=None) -> ElementText:
    return ElementText(
        {"named": named, "synonym": synonym, "question": question},
        bodies or [[]],
        parts or {},
        mentions or [],
    )


COMPANIES = {
    "E1": [
        Company(
            "Maison Verdier",
            "confiturerie artisanale",
            "confitures, chutneys et pâtes de fruits",
            "épiceries fines, cavistes et particuliers",
            "Montélimar",
            "maison-verdier.fr",
            "Les Vergers d’Antan",
            "Confit & Cie",
            14,
            "Léa Fontaine",
        ),
        Company(
            "Cycles Ardent",
            "fabrication et vente de vélos électriques",
            "vélos à assistance électrique et accessoires",
            "particuliers sportifs et entreprises pour leurs flottes",
            "Annecy",
            "cycles-ardent.com",
            "VéloNova",
            "Roue Libre Mobilité",
            22,
            "Kevin Moreau",
        ),
        Company(
            "Domaine des Trois Coteaux",
            "domaine viticole",
            "vins AOC en bouteille et en bag-in-box",
            "cavistes, restaurants et clientèle de passage",
            "Saumur",
            "troiscoteaux-vins.fr",
            "Château Belle-Rive",
            "Cave des Tuffeaux",
            11,
            "Sarah Lefebvre",
        ),
        Company(
            "Savonnerie du Lubéron",
            "savonnerie artisanale",
            "savons saponifiés à froid et cosmétiques solides",
            "boutiques bio, pharmacies et particuliers",
            "Apt",
            "savonnerie-luberon.fr",
            "Bulles de Provence",
            "L’Atelier Lavande",
            9,
            "Inès Carpentier",
        ),
    ],
    "E2": [
        Company(
            "Optilux Pro",
            "éclairage LED pour les professionnels",
            "luminaires LED, détecteurs de présence et audits énergétiques",
            "PME industrielles, entrepôts et collectivités",
            "Lyon",
            "optilux-pro.fr",
            "LumiTech",
            "Éclairage Rhône Services",
            35,
            "Inès Belkacem",
        ),
        Company(
            "Fitneo",
            "fitness connecté",
            "vélos d’appartement connectés et abonnements aux cours en ligne",
            "particuliers urbains et comités d’entreprise",
            "Bordeaux",
            "fitneo.fr",
            "Kinomax",
            "HomeGym Club",
            28,
            "Thomas Girard",
        ),
        Company(
            "Atelier Bois Nomade",
            "mobilier en bois massif",
            "tables, bureaux et rangements sur mesure",
            "particuliers, architectes d’intérieur et hôtels",
            "Nantes",
            "boisnomade.fr",
            "Menuiserie Ouest Design",
            "L’Établi Moderne",
            17,
            "Julien Perrot",
        ),
    ],
    "E3": [
        Company(
            "BSA",
            "distribution d’équipements de bureau",
            "mobilier, fournitures et copieurs pour les entreprises",
            "PME, administrations et professions libérales",
            "Rennes",
            "bsa-bureau.fr",
            "Bureau Plus Ouest",
            "Office Direct",
            46,
            "Camille Rousseau",
        ),
        Company(
            "Jardinerie des Quatre Saisons",
            "jardinerie",
            "végétaux, outillage et mobilier de jardin",
            "particuliers, paysagistes et communes",
            "Orléans",
            "jardinerie-4saisons.fr",
            "Vert Loisir",
            "Gamm Jardin",
            31,
            "Yanis Haddad",
        ),
        Company(
            "Hexagone Emballages",
            "fabrication d’emballages en carton",
            "caisses, étuis et calages sur mesure",
            "industriels de l’agroalimentaire et vépécistes",
            "Troyes",
            "hexagone-emballages.fr",
            "Cartonnages de l’Est",
            "PackSud",
            64,
            "Émilie Caron",
        ),
    ],
}

# ---------------------------------------------------------------- E1 (étude de cas) elements
E1 = {
    "C1.1.1": E(
        ["Mise en place d’un système de veille", "Le système de veille"],
        ["Organiser l’information sur le marché", "Dispositif d’écoute du marché"],
        ["Comment rester informé de ce qui change ?", "Que surveiller, et comment ?"],
        [
            [
                "{name} ne dispose aujourd’hui d’aucune organisation pour suivre son "
                "environnement : les informations arrivent au hasard des salons et des "
                "conversations avec les clients."
            ]
        ],
        {
            "process_steps": P(
                ["Les étapes du processus de veille", "Processus de veille"],
                ["Du besoin à la diffusion", "Cycle de l’information"],
                ["Par où commencer ?", "Qui fait quoi, et quand ?"],
                [
                    "Nous proposons un cycle en cinq temps : définir les besoins d’information "
                    "avec la direction, collecter, trier et analyser, puis diffuser une note "
                    "mensuelle à l’équipe. Chaque étape a un responsable et une fréquence.",
                    [
                        "définition des axes à surveiller (prix, nouveautés, réglementation)",
                        "collecte hebdomadaire par l’assistante commerciale",
                        "analyse et tri lors d’un point mensuel",
                        "diffusion d’une synthèse d’une page",
                    ],
                ],
                [
                    "La démarche suit quatre phases : cibler ce qu’il faut savoir, récolter "
                    "l’information, la qualifier puis la partager. Le gérant valide les "
                    "thèmes chaque trimestre ; la synthèse est envoyée le premier lundi du mois."
                ],
            ),
            "sources": P(
                ["Sources et outils retenus", "Les sources de la veille"],
                ["Où chercher l’information", "Outils et canaux d’information"],
                ["Où trouver une information fiable ?", "Avec quels moyens ?"],
                [
                    "Les sources retenues sont les sites et réseaux sociaux de {rival1} et "
                    "{rival2}, la presse professionnelle du secteur, les études de l’INSEE et "
                    "les salons régionaux. Des alertes Google et un agrégateur de flux RSS "
                    "automatisent la collecte ; un tableau partagé centralise les trouvailles."
                ],
                [
                    [
                        ["Source", "Type", "Fréquence"],
                        ["Sites des concurrents", "Concurrentielle", "Hebdomadaire"],
                        ["Presse professionnelle", "Commerciale", "Mensuelle"],
                        ["Légifrance et DGCCRF", "Réglementaire", "Mensuelle"],
                        ["Salons du secteur", "Commerciale", "Annuelle"],
                    ],
                    "Ces sources sont gratuites ou peu coûteuses et régulièrement mises à jour.",
                ],
            ),
        },
        [
            "Une organisation de la veille serait utile, mais elle n’a pas été traitée ici.",
            "La veille reste informelle chez {name}.",
        ],
    ),
    "C1.1.2": E(
        ["Analyse du marché et de la concurrence", "Étude du marché"],
        ["L’environnement concurrentiel", "Le marché et ses acteurs"],
        ["Face à qui sommes-nous ?", "Que font les autres ?"],
        [
            [
                "Le marché de la {sector} est atomisé : de nombreux petits acteurs locaux "
                "côtoient quelques marques nationales présentes en grande distribution."
            ]
        ],
        {
            "competitors_synthesis": P(
                ["Synthèse des stratégies concurrentes", "Les concurrents"],
                ["Benchmark des acteurs", "Positionnement des autres marques"],
                ["Comment se positionnent-ils ?", "Qui vend quoi, à quel prix ?"],
                [
                    [
                        ["Acteur", "Positionnement", "Prix moyen", "Canaux"],
                        ["{rival1}", "Haut de gamme", "Élevé", "Boutiques et site"],
                        ["{rival2}", "Milieu de gamme", "Moyen", "GMS"],
                        ["{name}", "Artisanal premium", "Élevé", "Salons, revendeurs, site"],
                    ],
                    "{rival1} mise sur l’image et la vente en ligne ; {rival2} joue les "
                    "volumes en grande surface. Aucun des deux ne propose d’accompagnement "
                    "personnalisé des revendeurs.",
                ],
            ),
            "risks_opportunities": P(
                ["Risques et opportunités", "Opportunités et menaces du marché"],
                ["Tendances du marché", "Ce que le marché nous réserve"],
                ["Qu’est-ce qui peut nous freiner ou nous porter ?"],
                [
                    "Les opportunités tiennent à la demande de produits locaux et au "
                    "développement du cadeau d’entreprise. Les risques viennent de la hausse "
                    "des matières premières et de l’arrivée de marques de distributeur."
                ],
            ),
            "rse": P(
                ["Démarche RSE", "Intégration de la RSE"],
                ["Développement durable", "Engagements responsables"],
                ["Quel impact sur la planète et le territoire ?"],
                [
                    "Côté responsabilité sociétale, {name} privilégie les fournisseurs situés à "
                    "moins de 150 km, réduit ses emballages plastiques et publie chaque année "
                    "un bilan de ses émissions."
                ],
            ),
        },
        ["Le marché et ses concurrents seront évoqués au fil du plan d’actions."],
    ),
    "C1.1.3": E(
        ["Diagnostic interne", "Diagnostic interne de l’entreprise"],
        ["Forces et faiblesses de l’entreprise", "État des lieux interne"],
        ["Où en est l’entreprise aujourd’hui ?", "De quoi sommes-nous capables ?"],
        [[]],
        {
            "value_chain": P(
                ["Analyse de la chaîne de valeur", "La chaîne de valeur"],
                ["Activités principales et de soutien", "Ce qui crée la valeur"],
                ["Où se crée la valeur chez nous ?"],
                [
                    "Parmi les activités principales, la production en petites séries et la "
                    "logistique aval sont les plus coûteuses ; les activités de soutien "
                    "(achats, ressources humaines, système d’information) restent sous-"
                    "dimensionnées pour une entreprise de {staff} salariés."
                ],
            ),
            "swot_matrix": P(
                ["Matrice SWOT", "SWOT"],
                ["Matrice FFOM", "Forces, faiblesses, opportunités, menaces"],
                ["Qu’est-ce qui joue pour et contre nous ?"],
                [
                    [
                        ["Forces", "Faiblesses"],
                        ["Savoir-faire reconnu, produits primés", "Notoriété limitée hors région"],
                        ["Opportunités", "Menaces"],
                        ["Demande de produits locaux", "Hausse du prix des matières premières"],
                    ]
                ],
            ),
            "swot_analysis": P(
                ["Analyse de la matrice SWOT", "Enseignements du diagnostic"],
                ["Synthèse du diagnostic", "Ce qu’il faut retenir"],
                ["Que faut-il en conclure ?"],
                [
                    "Le savoir-faire de {name} est un avantage concurrentiel à valoriser, mais "
                    "la faible notoriété et le manque d’outils commerciaux freinent la "
                    "conquête de nouveaux revendeurs. Les propositions qui suivent "
                    "s’appuient sur les forces pour saisir la demande locale."
                ],
            ),
        },
        ["Le diagnostic interne sera réalisé dans une prochaine version du dossier."],
    ),
    "C1.2.1": E(
        ["Orientations stratégiques", "Objectifs et orientations stratégiques"],
        ["Cap et ambitions à trois ans", "Axes de développement"],
        ["Où voulons-nous aller ?", "Quelle ambition pour les trois prochaines années ?"],
        [
            [
                "La direction souhaite faire de {name} une marque régionale de référence "
                "tout en développant la vente à distance."
            ]
        ],
        {
            "quantified_objectives": P(
                ["Objectifs chiffrés", "Objectifs SMART"],
                ["Cibles à atteindre", "Ambitions mesurables"],
                ["Combien, et pour quand ?"],
                [
                    "Nous visons +12 % de chiffre d’affaires la première année, 40 nouveaux "
                    "revendeurs et une marge brute maintenue au-dessus de 55 %."
                ],
            ),
            "short_medium_long_term": P(
                ["Objectifs à court, moyen et long terme", "Horizons de temps"],
                ["Feuille de route sur trois ans", "Calendrier des ambitions"],
                ["Quelles étapes d’ici à trois ans ?"],
                [
                    [
                        ["Horizon", "Objectif"],
                        ["Court terme (6 mois)", "Lancer la boutique en ligne"],
                        ["Moyen terme (1 an)", "Couvrir les trois départements voisins"],
                        ["Long terme (3 ans)", "Réaliser 30 % des ventes à distance"],
                    ]
                ],
            ),
            "physical_digital_split": P(
                ["Répartition physique et digital", "Répartition entre les canaux"],
                ["Équilibre magasin / en ligne", "Part de chaque canal"],
                ["Quelle place pour le site face aux boutiques ?"],
                [
                    "Aujourd’hui 92 % des ventes passent par les canaux physiques. L’objectif "
                    "est d’atteindre 75 % en physique et 25 % en ligne d’ici trois ans, sans "
                    "fragiliser le réseau de revendeurs."
                ],
            ),
        },
        ["Les orientations stratégiques découlent du diagnostic."],
    ),
    "C1.2.2": E(
        ["Plan d’actions commerciales", "Le plan d’actions commerciales"],
        ["Actions à mener", "Feuille de route commerciale"],
        ["Que faisons-nous concrètement ?", "Comment y arriver ?"],
        [[]],
        {
            "physical_actions": P(
                ["Actions physiques", "Actions sur le terrain"],
                ["Présence en boutique et sur les salons", "Actions de proximité"],
                ["Comment aller au contact des clients ?"],
                [
                    [
                        "participation à deux salons gastronomiques régionaux",
                        "animations et dégustations chez les revendeurs",
                        "tournée de prospection des épiceries fines voisines",
                    ],
                    "Ces actions sont confiées au commercial terrain, appuyé par le gérant.",
                ],
            ),
            "digital_actions": P(
                ["Actions digitales", "Actions numériques"],
                ["Présence en ligne", "Le site et les réseaux"],
                ["Comment être visibles en ligne ?"],
                [
                    "Sur internet, nous refondons la boutique en ligne, lançons une newsletter "
                    "mensuelle et publions trois fois par semaine sur Instagram ; une campagne "
                    "de mots-clés accompagnera les périodes de fêtes."
                ],
            ),
            "stakeholders": P(
                ["Parties prenantes", "Acteurs impliqués"],
                ["Qui est mobilisé", "L’équipe projet"],
                ["Avec qui ?"],
                [
                    "Le plan mobilise la direction, le commercial terrain, l’assistante, "
                    "l’agence web et les revendeurs partenaires ; chacun a un rôle écrit."
                ],
            ),
            "constraints": P(
                ["Contraintes", "Contraintes à respecter"],
                ["Limites du projet", "Points de vigilance"],
                ["Qu’est-ce qui nous limite ?"],
                [
                    "Le budget est plafonné, l’équipe réduite et la production saisonnière : "
                    "les actions sont donc étalées pour ne pas saturer l’atelier en décembre."
                ],
            ),
        },
        ["Le plan d’actions n’est qu’esquissé dans ce dossier."],
    ),
    "C1.2.3": E(
        ["Automatisation des tâches", "Automatisation des tâches récurrentes"],
        ["Gagner du temps grâce aux outils", "Digitalisation du suivi commercial"],
        ["Comment libérer du temps commercial ?"],
        [[]],
        {
            "recurring_tasks": P(
                ["Tâches chronophages identifiées", "Tâches répétitives"],
                ["Ce qui prend du temps", "Temps perdu au quotidien"],
                ["Où part notre temps ?"],
                [
                    "La saisie des commandes, les relances de factures et la mise à jour du "
                    "fichier clients occupent près de huit heures par semaine."
                ],
            ),
            "automation_solutions": P(
                ["Solutions d’automatisation", "Solutions proposées"],
                ["Outils retenus", "Scénarios automatiques"],
                ["Que peut-on confier aux outils ?"],
                [
                    "Nous proposons des relances automatiques par e-mail, un formulaire de "
                    "commande en ligne pour les revendeurs et un scénario qui envoie un "
                    "message de bienvenue à chaque nouveau client."
                ],
            ),
            "crm": P(
                ["CRM", "Le logiciel de gestion de la relation client"],
                ["Fichier clients centralisé", "Outil de suivi des clients"],
                ["Comment suivre chaque client ?"],
                [
                    "Un CRM en ligne (HubSpot, version gratuite) centralisera les contacts, "
                    "l’historique des commandes et les opportunités ; le commercial y "
                    "consignera chaque visite."
                ],
            ),
        },
        ["Les outils numériques de l’équipe pourraient être mieux exploités."],
    ),
    "C1.2.4": E(
        ["Budget prévisionnel", "Budget prévisionnel du plan d’actions"],
        ["Chiffrage du projet", "Aspects financiers"],
        ["Combien cela coûte-t-il, et quand est-ce rentable ?", "Est-ce rentable ?"],
        [[]],
        {
            "budget_table": P(
                ["Compte de résultat prévisionnel", "Tableau budgétaire"],
                ["Prévisions chiffrées", "Comptes de l’année"],
                ["Combien allons-nous vendre et dépenser ?"],
                [],
            ),
            "seuil_rentabilite": P(
                ["Seuil de rentabilité", "Calcul du seuil de rentabilité"],
                ["Point d’équilibre", "Chiffre d’affaires critique"],
                ["À partir de quel niveau de ventes gagnons-nous de l’argent ?"],
                [],
            ),
            "point_mort": P(
                ["Point mort", "Date du point mort"],
                ["Moment de l’équilibre", "Quand l’activité devient rentable"],
                ["Quand serons-nous à l’équilibre ?"],
                [],
            ),
            "ratios": P(
                ["Ratios de rentabilité", "Ratios"],
                ["Indicateurs financiers", "Sécurité et rentabilité"],
                ["Quelle marge de manœuvre ?"],
                [],
            ),
            "ecommerce_costs": P(
                ["Coûts du e-commerce", "Coûts spécifiques à la vente en ligne"],
                ["Dépenses liées au site", "Budget de la boutique en ligne"],
                ["Que coûte la vente en ligne ?"],
                [
                    [
                        ["Poste", "Montant annuel"],
                        ["Abonnement plateforme et hébergement", "1 440 €"],
                        ["Commissions de paiement", "2 100 €"],
                        ["Publicité en ligne", "6 000 €"],
                        ["Frais d’expédition non refacturés", "3 800 €"],
                    ]
                ],
            ),
        },
        ["Le budget sera chiffré avec le comptable."],
    ),
}

# ------------------------------------------------------- E2 (études de cas, reporting)
E2 = {
    "E2.context": E(
        ["Présentation du contexte", "Contexte de l’étude de cas"],
        ["L’entreprise et son marché", "Situation de départ"],
        ["Qui est {name} ?", "D’où partons-nous ?"],
        [
            [
                "{name} est une entreprise de {staff} salariés installée à {city}, spécialisée "
                "dans la {sector}. Elle vend des {products} à des {clients}. La direction "
                "commerciale souhaite conquérir de nouveaux comptes et structurer son suivi "
                "de la performance."
            ]
        ],
        mentions=["Le contexte de {name} est supposé connu du lecteur."],
    ),
    "C2.1.1": E(
        ["Persona de la cible prioritaire", "Le persona"],
        ["Portrait du client type", "Profil de l’acheteur visé"],
        ["À qui nous adressons-nous ?", "Qui achète chez nous ?"],
        [
            [
                "Sophie, 42 ans, responsable des services généraux d’une PME de 80 salariés. "
                "Elle cherche à réduire ses coûts sans perdre en qualité, s’informe sur "
                "LinkedIn et décide avec son directeur financier. Ses freins : le temps, le "
                "risque de changer de fournisseur.",
                [
                    ["Critère", "Description"],
                    ["Âge", "35-50 ans"],
                    ["Motivations", "Économies, fiabilité, image de l’entreprise"],
                    ["Freins", "Prix d’entrée, manque de temps"],
                ],
            ]
        ],
        mentions=["Le profil des clients visés est décrit brièvement dans le contexte."],
    ),
    "C2.1.2": E(
        ["Stratégie de prospection omnicanale", "Plan de prospection"],
        ["Conquête de nouveaux clients", "Aller chercher les clients"],
        ["Comment trouver de nouveaux clients ?"],
        [[]],
        {
            "physical_channels": P(
                ["Canaux physiques", "Prospection terrain"],
                ["Rencontrer les prospects", "Actions en face à face"],
                ["Où les rencontrer ?"],
                [
                    "Le commercial participera à deux salons professionnels et réalisera des "
                    "visites ciblées, préparées par des appels de qualification."
                ],
            ),
            "digital_channels": P(
                ["Canaux digitaux", "Prospection digitale"],
                ["Présence en ligne", "Approche via LinkedIn et e-mail"],
                ["Comment les toucher à distance ?"],
                [
                    "En ligne, nous misons sur LinkedIn (messages personnalisés), un webinaire "
                    "trimestriel et une séquence d’e-mails de trois messages."
                ],
            ),
            "action_plan": P(
                ["Plan d’actions de prospection", "Calendrier de prospection"],
                ["Organisation dans le temps", "Planning des actions"],
                ["Dans quel ordre ?"],
                [
                    [
                        ["Mois", "Action", "Objectif"],
                        ["Janvier", "Campagne d’appels", "60 appels"],
                        ["Février", "Webinaire", "40 inscrits"],
                        ["Mars", "Salon régional", "25 rendez-vous"],
                    ]
                ],
            ),
            "ecommerce_regulation": P(
                ["Cadre réglementaire", "Points réglementaires"],
                ["Règles à respecter", "Obligations légales et techniques"],
                ["Qu’a-t-on le droit de faire ?"],
                [
                    "La prospection par e-mail en B2B est possible sans accord préalable si le "
                    "message concerne l’activité du destinataire ; le RGPD impose un lien de "
                    "désinscription et la tenue d’un registre. Le site doit afficher ses CGV et "
                    "ses mentions légales."
                ],
            ),
        },
        ["La prospection suivra les méthodes habituelles de l’entreprise."],
    ),
    "C2.1.3": E(
        ["Proposition commerciale", "Proposition commerciale au client"],
        ["Offre au client", "Notre réponse au besoin du client"],
        ["Que proposons-nous à ce client ?"],
        [[]],
        {
            "diagnostic": P(
                ["Diagnostic", "Diagnostic de la situation du client"],
                ["Analyse du besoin", "Situation actuelle du client"],
                ["De quoi le client a-t-il besoin ?"],
                [
                    "Le client exploite un entrepôt de 4 000 m² équipé de tubes fluorescents "
                    "vieillissants ; sa facture d’électricité a doublé en deux ans et les "
                    "pannes perturbent la préparation des commandes."
                ],
            ),
            "solution": P(
                ["Solution proposée", "Notre solution"],
                ["Réponse apportée", "Ce que nous recommandons"],
                ["Que recommandons-nous ?"],
                [
                    "Nous proposons le remplacement de l’éclairage par des luminaires pilotés "
                    "par détecteurs, avec une économie attendue de 60 % sur la consommation."
                ],
            ),
            "retroplanning": P(
                ["Rétroplanning", "Calendrier de mise en œuvre"],
                ["Déroulement du chantier", "Étapes et délais"],
                ["En combien de temps ?"],
                [
                    [
                        ["Semaine", "Étape"],
                        ["S1", "Visite technique"],
                        ["S3", "Validation du devis"],
                        ["S6", "Installation"],
                        ["S7", "Réception et mise en service"],
                    ]
                ],
            ),
            "pricing": P(
                ["Chiffrage", "Chiffrage de l’offre"],
                ["Conditions tarifaires", "Devis"],
                ["Combien cela coûtera-t-il ?"],
                [],
            ),
            "guarantee": P(
                ["Garanties", "Garantie et service après-vente"],
                ["Engagements de service", "Suivi après installation"],
                ["Et si quelque chose ne va pas ?"],
                [
                    "Le matériel est garanti cinq ans pièces et main-d’œuvre ; une visite de "
                    "maintenance annuelle est incluse la première année."
                ],
            ),
        },
        ["Une proposition commerciale sera adressée au client après le rendez-vous."],
    ),
    "C2.1.4.2": E(
        ["Plan d’actions e-commerce", "Plan de marketing digital"],
        ["Développer les ventes en ligne", "Visibilité et trafic du site"],
        ["Comment faire venir les clients sur le site ?"],
        [[]],
        {
            "seo": P(
                ["Référencement naturel (SEO)", "SEO"],
                ["Visibilité organique", "Contenus et mots-clés"],
                ["Comment apparaître sans payer ?"],
                [
                    "Nous réécrivons les fiches produits autour de vingt mots-clés et "
                    "publions un article de conseil par mois."
                ],
            ),
            "sea": P(
                ["Référencement payant (SEA)", "Google Ads"],
                ["Achat de mots-clés", "Campagnes payantes"],
                ["Faut-il payer pour être vu ?"],
                ["Une campagne Google Ads de 800 € par mois cible les requêtes à forte intention."],
            ),
            "emailing": P(
                ["Campagne d’e-mailing", "Emailing"],
                ["Newsletter", "Lettre d’information"],
                ["Comment garder le contact ?"],
                [
                    "Une newsletter mensuelle est envoyée aux 3 200 contacts ayant donné leur "
                    "accord."
                ],
            ),
            "affiliation": P(
                ["Affiliation", "Affiliation et partenariats"],
                ["Sites partenaires", "Apporteurs d’affaires en ligne"],
                ["Qui peut vendre pour nous ?"],
                ["Des blogs spécialisés touchent 8 % de commission sur les ventes générées."],
            ),
            "display": P(
                ["Display", "Publicité display"],
                ["Bannières et reciblage", "Publicité visuelle"],
                ["Comment relancer les visiteurs ?"],
                ["Des bannières de reciblage relancent les visiteurs ayant abandonné leur panier."],
            ),
            "social_networks": P(
                ["Réseaux sociaux", "Stratégie sur les réseaux sociaux"],
                ["Communauté en ligne", "Présence sociale"],
                ["Où parler à nos clients ?"],
                [
                    "LinkedIn pour les professionnels, Instagram pour les particuliers : deux "
                    "posts par semaine."
                ],
            ),
        },
        ["Le site marchand sera développé plus tard."],
    ),
    "C2.1.5": E(
        ["Contrat de partenariat", "Rédaction du contrat de partenariat"],
        ["Accord avec le partenaire", "Convention de partenariat"],
        ["Sur quoi nous engageons-nous avec le partenaire ?"],
        [[]],
        {
            "clauses": P(
                ["Clauses du contrat", "Principales clauses"],
                ["Articles de l’accord", "Contenu de la convention"],
                ["Que prévoit l’accord ?"],
                [
                    [
                        "Objet : distribution des produits de {name} dans le réseau du partenaire.",
                        "Durée : deux ans, renouvelable par tacite reconduction.",
                        "Prix et remises : barème annexé, révisable chaque année.",
                        "Obligations des parties, exclusivité territoriale et confidentialité.",
                        "Données personnelles : respect du RGPD par les deux parties.",
                        "Résiliation avec préavis de trois mois ; responsabilité de chacun.",
                        "Loi applicable : droit français ; tribunal de commerce de {city}.",
                    ]
                ],
            ),
        },
        ["Un partenariat est envisagé avec un distributeur."],
    ),
    "C2.2.1": E(
        ["Indicateurs de performance", "Tableau des indicateurs"],
        ["Mesurer l’activité", "Les chiffres à suivre"],
        ["Comment savoir si nous avançons ?"],
        [[]],
        {
            "kpi_table": P(
                ["Indicateurs retenus", "Tableau des KPI"],
                ["Suivi des objectifs", "Objectifs et réalisations"],
                ["Où en sommes-nous ?"],
                [],
            ),
            "ecommerce_kpis": P(
                ["Indicateurs du e-commerce", "KPI du site marchand"],
                ["Performance du site", "Mesures de la boutique en ligne"],
                ["Le site vend-il ?"],
                [],
            ),
            "rse_kpis": P(
                ["Indicateurs RSE", "KPI environnementaux"],
                ["Impact environnemental", "Mesures d’impact"],
                ["Quel impact pour la planète ?"],
                [
                    "Nous suivons les émissions de CO2 liées aux livraisons (objectif : −15 %) "
                    "et la part d’emballages recyclés (objectif : 90 %)."
                ],
            ),
        },
        ["Quelques indicateurs sont suivis de façon informelle."],
    ),
    "C2.2.2": E(
        ["Tableau de bord", "Conception du tableau de bord"],
        ["Outil de pilotage", "Pilotage sous Excel"],
        ["Comment suivre les chiffres au quotidien ?"],
        [[]],
        {
            "data_sources": P(
                ["Données et sources", "Sources des données"],
                ["Origine des chiffres", "Alimentation de l’outil"],
                ["D’où viennent les chiffres ?"],
                [
                    "Les ventes sont extraites chaque lundi du logiciel de gestion "
                    "commerciale ; les données du site viennent de Google Analytics et les "
                    "contacts du CRM."
                ],
            ),
            "automated_calculations": P(
                ["Calculs automatisés", "Automatisation des calculs"],
                ["Formules et mises à jour", "Mise à jour sans ressaisie"],
                ["Comment éviter les calculs à la main ?"],
                [
                    "Le classeur calcule seul les écarts et les taux grâce à des formules "
                    "(SOMME.SI, RECHERCHEX) et un tableau croisé dynamique actualisé à "
                    "l’ouverture."
                ],
            ),
        },
        ["Un tableau de bord est tenu par le responsable des ventes."],
    ),
    "C2.2.3": E(
        ["Analyse des résultats", "Analyse des écarts"],
        ["Lecture des résultats", "Bilan de la période"],
        ["Qu’est-ce qui a marché, et qu’est-ce qui a coincé ?"],
        [[]],
        {
            "physical_vs_ecommerce": P(
                ["Ventes physiques et e-commerce", "Analyse par canal"],
                ["Magasin contre site", "Comparaison des canaux"],
                ["Quel canal tire les ventes ?"],
                [
                    "Les ventes en agence dépassent l’objectif de 4 %, tandis que le site "
                    "marchand reste 18 % en dessous : le trafic est là, mais les visiteurs "
                    "n’achètent pas."
                ],
            ),
            "corrective_actions": P(
                ["Actions correctives", "Plan d’actions correctives"],
                ["Pistes d’amélioration", "Ce que nous allons changer"],
                ["Que faire maintenant ?"],
                [
                    [
                        "simplifier le tunnel de commande du site",
                        "former l’équipe à la vente additionnelle",
                        "relancer les devis non signés sous 48 heures",
                    ]
                ],
            ),
        },
        ["Les résultats seront analysés au prochain comité."],
    ),
    "C2.2.4": E(
        ["Reporting", "Reporting à la direction"],
        ["Compte rendu à la direction", "Communication des résultats"],
        ["Que dire au comité de direction ?"],
        [[]],
        {
            "french": P(
                ["Version française", "Note de synthèse"],
                ["Note au directeur commercial", "Compte rendu en français"],
                ["Quel message pour la direction ?"],
                [],
            ),
            "english": P(
                ["English version", "Version anglaise"],
                ["Board report", "Report for the group"],
                ["What should the group know?"],
                [],
            ),
        },
        ["Un reporting sera présenté à l’oral."],
    ),
}

# --------------------------------------------------------------- E3 (rapport de stage)
E3 = {
    "E3.presentation": E(
        ["Présentation de l’entreprise", "Présentation de la structure d’accueil"],
        ["L’entreprise d’accueil", "Mon entreprise de stage"],
        ["Où ai-je effectué mon stage ?", "Qui m’a accueilli ?"],
        [
            [
                "{name} est une entreprise de {staff} salariés basée à {city}, spécialisée "
                "dans la {sector} : elle commercialise des {products} auprès de {clients}.",
            ]
        ],
        mentions=["{name} est présentée en annexe."],
    ),
    "C3.1.1": E(
        ["Analyse du portefeuille clients", "Le portefeuille clients"],
        ["Étude de la clientèle", "Segmentation des clients"],
        ["Qui sont nos clients ?", "Sur quels clients repose l’activité ?"],
        [[]],
        {
            "method": P(
                ["Méthode ABC", "Analyse ABC des clients"],
                ["Classement par chiffre d’affaires", "Loi de Pareto"],
                ["Quels clients pèsent le plus ?"],
                [
                    "À partir de l’extraction du logiciel de gestion (412 clients actifs), "
                    "j’ai classé les clients par chiffre d’affaires décroissant et calculé "
                    "le cumul : 19 % des clients font 80 % du chiffre d’affaires (classe A).",
                    [
                        ["Classe", "Nombre de clients", "Part du CA"],
                        ["A", "78", "80 %"],
                        ["B", "103", "15 %"],
                        ["C", "231", "5 %"],
                    ],
                ],
            ),
        },
        ["Les clients de {name} sont fidèles."],
    ),
    "C3.1.2": E(
        ["Analyse de la satisfaction client", "La satisfaction des clients"],
        ["Écoute client", "Ce que pensent les clients"],
        ["Nos clients sont-ils contents ?"],
        [[]],
        {
            "indicators": P(
                ["Indicateurs de satisfaction", "Indicateurs qualitatifs"],
                ["Mesures de la qualité perçue", "Suivi de la qualité"],
                ["Comment le mesurer ?"],
                [
                    "Je suis quatre indicateurs : le nombre de réclamations par mois (en "
                    "baisse de 12 %), le taux de réachat à six mois (64 %), les avis Google "
                    "(4,3 sur 5) et la part de clients recommandant l’entreprise."
                ],
            ),
        },
        ["La satisfaction n’a pas été mesurée pendant mon stage."],
    ),
    "C3.1.3": E(
        ["Analyse du parcours client", "Le parcours client"],
        ["Expérience client", "Points de contact"],
        ["Que vit le client, de la commande à la livraison ?"],
        [[]],
        {
            "nps": P(
                ["Net Promoter Score", "NPS"],
                ["Recommandation", "Intention de recommander"],
                ["Nos clients nous recommandent-ils ?"],
                [],
            ),
            "csat": P(
                ["Satisfaction (CSAT)", "CSAT"],
                ["Satisfaction après achat", "Note de satisfaction"],
                ["Sont-ils satisfaits après l’achat ?"],
                [],
            ),
            "ces": P(
                ["Customer Effort Score", "CES"],
                ["Effort client", "Facilité du parcours"],
                ["Est-ce simple d’acheter chez nous ?"],
                [
                    "Le CES mesuré sur le formulaire de devis (échelle de 1 à 7, 1 = très "
                    "facile) est de 3,8 : l’effort demandé reste trop élevé."
                ],
            ),
            "friction_points": P(
                ["Points de friction", "Points de friction et optimisations"],
                ["Irritants du parcours", "Ce qui bloque"],
                ["Où le client décroche-t-il ?"],
                [
                    "Deux irritants ressortent : l’attente au téléphone et le délai de "
                    "confirmation des devis. Je propose un rappel automatique et un devis "
                    "envoyé sous 24 heures."
                ],
            ),
        },
        ["Le parcours client a été observé en boutique."],
    ),
    "C3.2.1": E(
        ["Animation du réseau de partenaires", "Plan d’animation des partenaires"],
        ["Les partenaires", "Relations avec les revendeurs"],
        ["Comment faire vivre nos partenariats ?"],
        [
            [
                "{name} travaille avec 18 revendeurs et deux places de marché. Je propose une "
                "réunion trimestrielle, un kit de communication commun et une plateforme de "
                "commande en ligne dédiée, pour des partenariats gagnant-gagnant."
            ]
        ],
        mentions=["Les partenaires de {name} sont nombreux."],
    ),
    "C3.2.2": E(
        ["Traitement d’un litige client", "Gestion d’une réclamation"],
        ["Un client mécontent", "Résolution d’un différend"],
        ["Que faire quand un client se plaint ?"],
        [
            [
                "Un client a reçu une commande incomplète et menaçait de changer de "
                "fournisseur. J’ai écouté sa demande, vérifié le bon de livraison avec la "
                "logistique et proposé un avoir et une livraison express : la relation est "
                "préservée. Le processus distingue désormais litiges de qualité, de prix, de "
                "délai et administratifs, avec un responsable pour chacun."
            ]
        ],
        mentions=["Les réclamations sont rares."],
    ),
    "C3.2.3": E(
        ["Organisation commerciale", "Mise en place de l’organisation commerciale"],
        ["Structure de l’équipe de vente", "Qui fait quoi au service commercial"],
        ["Comment l’équipe est-elle organisée ?"],
        [
            [
                "L’équipe compte un responsable, trois commerciaux sédentaires et deux "
                "itinérants ; je propose une répartition par secteur géographique, avec des "
                "rôles et des objectifs définis pour chacun.",
                [
                    ["Poste", "Rôle", "Objectif"],
                    ["Responsable", "Pilotage", "CA global"],
                    ["Itinérants", "Grands comptes", "Nouveaux clients"],
                    ["Sédentaires", "Suivi et relances", "Taux de transformation"],
                ],
            ]
        ],
        mentions=["L’organisation de l’équipe a évolué récemment."],
    ),
    "C3.2.4": E(
        ["Animation de l’équipe commerciale", "Plan d’animation de l’équipe"],
        ["Motiver l’équipe", "Rituels et motivation"],
        ["Comment garder l’équipe soudée et motivée ?"],
        [
            [
                "Collectivement : un point hebdomadaire de trente minutes, un séminaire "
                "annuel et un challenge trimestriel. Individuellement : un entretien mensuel "
                "avec chaque commercial, centré sur ses propres leviers de motivation."
            ]
        ],
        mentions=["L’équipe se réunit parfois le lundi."],
    ),
    "C3.2.5": E(
        ["Recrutement et formation", "Recrutement, formation et entretiens annuels"],
        ["Compétences de l’équipe", "Développer les compétences"],
        ["De quelles compétences avons-nous besoin ?"],
        [[]],
        {
            "recruitment": P(
                ["Processus de recrutement", "Recrutement"],
                ["Embauche d’un commercial", "Trouver le bon profil"],
                ["Qui embaucher, et comment ?"],
                [
                    "Pour le poste de commercial itinérant : fiche de poste, annonce sur deux "
                    "sites d’emploi, entretien téléphonique puis mise en situation."
                ],
            ),
            "training_plan": P(
                ["Plan de formation", "Formation"],
                ["Montée en compétences", "Développement des compétences"],
                ["Comment faire progresser l’équipe ?"],
                ["Deux jours de formation à la négociation et un module en ligne sur le CRM."],
            ),
            "annual_reviews": P(
                ["Entretiens annuels", "Préparation des entretiens annuels"],
                ["Bilan individuel de l’année", "Rendez-vous de fin d’année"],
                ["Comment faire le point avec chacun ?"],
                [
                    "Une grille commune prépare l’entretien : bilan des objectifs, "
                    "compétences, souhaits d’évolution et objectifs de l’année suivante."
                ],
            ),
        },
        ["Les besoins de formation seront recensés."],
    ),
    "C3.2.6": E(
        ["Objectifs de l’équipe", "Fixation des objectifs"],
        ["Objectifs collectifs et individuels", "Cap fixé à chacun"],
        ["Que demandons-nous à chacun ?"],
        [
            [
                "L’objectif collectif est de 2,1 M€ de chiffre d’affaires ; il est décliné par "
                "commercial selon son portefeuille et communiqué lors d’une réunion puis par "
                "écrit, en français et en anglais pour le collègue de la filiale belge.",
            ]
        ],
        mentions=["Chaque commercial connaît ses chiffres."],
    ),
    "C3.2.7": E(
        ["Analyse de la performance commerciale", "Performance de l’équipe"],
        ["Résultats de l’équipe", "Bilan des ventes"],
        ["L’équipe a-t-elle tenu ses objectifs ?"],
        [[]],
        {
            "team": P(
                ["Performance collective", "Résultats de l’équipe"],
                ["Bilan global", "L’équipe dans son ensemble"],
                ["Et au total ?"],
                [
                    "L’équipe réalise 96 % de son objectif annuel ; la marge progresse mais "
                    "le nombre de nouveaux clients reste en retrait."
                ],
            ),
            "individual": P(
                ["Performance individuelle", "Résultats par commercial"],
                ["Bilan de chaque vendeur", "Chacun face à ses objectifs"],
                ["Et pour chacun ?"],
                [
                    [
                        ["Commercial", "Objectif", "Réalisé", "Taux"],
                        ["Commercial 1", "520 k€", "560 k€", "108 %"],
                        ["Commercial 2", "480 k€", "430 k€", "90 %"],
                        ["Commercial 3", "450 k€", "441 k€", "98 %"],
                    ]
                ],
            ),
        },
        ["La performance sera analysée en fin d’année."],
    ),
}

NUMBERING = {
    "arabic": [("{i}. ", "{i}.{j} ", "{i}.{j}.{k} "), ("{i}) ", "{i}.{j} ", "{i}.{j}.{k} ")],
    "roman": [("{I}. ", "{j}. ", "{c}) "), ("{I} – ", "{I}.{j} ", "{c}. ")],
    "letters": [("{A}. ", "{j}. ", "{c}) "), ("{A}) ", "{A}.{j} ", "{c}. ")],
    "mixed": [("{I}. ", "{I}.{B} ", "{I}.{B}.{k} "), ("{I}. ", "{B}. ", "{k}) ")],
    "keyword": [("{kw} {i} : ", "{i}.{j} ", "{i}.{j}.{k} "), ("{kw} {I} – ", "{B}. ", "{c}) ")],
    "none": [("", "", "")],
}

PHRASINGS = {
    # --- E1 budget: inputs
    "budget_lead": [
        "Le tableau ci-dessous présente le compte de résultat prévisionnel de la première "
        "année du plan.",
        "Voici les prévisions de l’exercice {year}, établies avec le gérant.",
    ],
    "inputs_prose": [
        "Pour l’exercice {year}, le chiffre d’affaires prévu est de {ca}. Les charges "
        "variables représentent {cv} et les charges fixes {cf}.",
        "Nous prévoyons {ca} de ventes, pour {cv} de charges variables et {cf} de charges fixes.",
    ],
    "no_inputs": [
        "Le détail des recettes et des charges figure dans le dossier remis au gérant.",
        "Les montants précis restent confidentiels à la demande de l’entreprise.",
    ],
    # --- E1 budget tables: labels (CA, CV, MCV, CF, résultat) and headers
    # (item, amount, amount in €, amount in k€, rank, share of CA)
    "budget:labels": [
        ("Chiffre d’affaires", "Charges variables", "Marge sur coût variable")
        + ("Charges fixes", "Résultat"),
    ],
    "budget:headers": [("Poste", "Montant", "Montant (€)", "Montant (en k€)", "N°", "% du CA")],
    "total": ["Total"],
    "spend:table": [
        (
            ("Dépense prévue", "Montant"),
            [
                ("Salons et dégustations", 9_000),
                ("Refonte du site", 14_500),
                ("Publicité en ligne", 7_200),
                ("Supports imprimés", 2_600),
            ],
            "Total des dépenses du plan",
        )
    ],
    "mcv": [
        "La marge sur coût variable s’élève à {mcv}, soit un taux de marge sur coût "
        "variable de {rate}.",
        "Taux de MCV = ({ca} − {cv}) / {ca} = {rate}.",
    ],
    # --- seuil de rentabilité, one list per phrasing level
    "sr:plain": [
        "Le seuil de rentabilité s’élève à {sr}.",
        "Notre seuil de rentabilité est de {sr}.",
    ],
    "sr:formula_chain": [
        "Seuil de rentabilité = charges fixes / taux de MCV = {cf} / {rate} = {sr}.",
        "SR = CF / taux de marge sur coût variable = {cf} / {rate} = {sr}.",
    ],
    "sr:abbreviation": [
        "Le SR atteint {sr}.",
        "SR : {sr}.",
    ],
    "sr:next_sentence": [
        "Il reste à calculer le seuil de rentabilité. Il correspond à {sr} de chiffre d’affaires.",
        "Passons au seuil de rentabilité de l’activité. Nous l’estimons à {sr}.",
    ],
    "sr:margin_adjacent": [
        "Le seuil de rentabilité est franchi avec une marge de sécurité de {ms} (seuil : {sr}).",
        "Avec une marge de sécurité de {ms}, l’entreprise dépasse nettement son seuil de "
        "rentabilité, fixé à {sr}.",
    ],
    "sr:value_first": [
        "Il faut {sr} de ventes pour atteindre le seuil de rentabilité.",
        "{sr} : c’est le seuil de rentabilité de l’activité.",
    ],
    "sr:table_label": ["Seuil de rentabilité", "Seuil de rentabilité (CF / taux de MCV)"],
    "sr:formula_label": ["CF / taux de MCV"],
    "indicator:headers": [("Indicateur", "Calcul", "Résultat")],
    # --- point mort
    "pm:months": [
        "Le point mort sera atteint au bout de {pm} mois d’activité.",
        "Point mort = SR / CA × 12 = {pm} mois.",
        "PM : {pm} mois.",
    ],
    "pm:days_360": [
        "Sur une année commerciale de 360 jours, le point mort est atteint après {pm} jours.",
        "Point mort = SR / CA × 360 = {pm} jours.",
    ],
    "pm:days_365": [
        "Rapporté à 365 jours, le point mort intervient au bout de {pm} jours.",
        "Point mort (base 365 jours) : {pm} jours.",
    ],
    "pm:date": [
        "L’exercice commençant le {start}, le point mort sera atteint le {pm}.",
        "Le plan démarre le {start} ; nous atteindrons le point mort le {pm}.",
    ],
    "pm:table_label": ["Point mort (en mois)", "Point mort"],
    "pm:formula_label": ["SR / CA × 12"],
    "about": ["environ"],
    # --- ratios (margin of safety, safety index, net margin)
    "ms": [
        "La marge de sécurité s’élève à {ms}.",
        "Marge de sécurité = CA − SR = {ms}.",
    ],
    "is": [
        "L’indice de sécurité est de {is}.",
        "Indice de sécurité = marge de sécurité / CA = {is}.",
    ],
    "net_margin": [
        "Le résultat prévisionnel atteint {result}, soit une marge nette de {nm}.",
        "Taux de marge nette = résultat / CA = {result} / {ca} = {nm}.",
    ],
    "ratios_qualitative": [
        "Les ratios de rentabilité (marge nette, indice de sécurité) seront suivis chaque "
        "trimestre avec l’expert-comptable.",
    ],
    # --- E3 internship
    "internship:same_sentence": [
        "J’ai effectué mon stage chez {name} du {start} au {end}, soit {count} jours ouvrés.",
        "Mon stage s’est déroulé du {start} au {end}, ce qui représente {count} jours ouvrés.",
    ],
    "internship:next_sentence": [
        "J’ai été accueilli du {start} au {end} au service commercial. Cette période "
        "représente {count} jours ouvrés.",
        "Le stage a commencé le {start} et s’est terminé le {end}. J’ai ainsi passé {count} "
        "jours ouvrés dans l’entreprise.",
    ],
    "internship:no_count": [
        "Mon stage s’est déroulé du {start} au {end} au sein du service commercial.",
        "J’ai rejoint l’équipe le {start} et l’ai quittée le {end}.",
    ],
    "internship:start_only": [
        "Mon stage de {weeks} semaines a commencé le {start} ; il représente {count} jours ouvrés.",
    ],
    "internship:table_labels": [("Début du stage", "Fin du stage", "Durée")],
    "days_unit": ["jours ouvrés"],
    # --- NPS
    "nps:counts": [
        "Sur {n} réponses, on compte {p} promoteurs, {pa} passifs et {d} détracteurs.",
        "{p} clients ont donné une note de 9 ou 10, {pa} une note de 7 ou 8 et {d} une note "
        "de 0 à 6 ({n} répondants).",
    ],
    "nps:stated": [
        "Le NPS s’établit à {nps}.",
        "Nous obtenons un Net Promoter Score de {nps}.",
        "NPS = ({p} − {d}) / {n} × 100 = {nps}.",
    ],
    "nps:shares": [
        "Les promoteurs représentent {p_pct}, les passifs {pa_pct} et les détracteurs "
        "{d_pct} des répondants.",
    ],
    "nps:table_labels": [
        ("Catégorie", "Nombre", "Promoteurs (9-10)", "Passifs (7-8)", "Détracteurs (0-6)", "NPS"),
    ],
    # --- CSAT
    "csat:counts": [
        "Sur {n} clients interrogés, {s} se déclarent satisfaits ou très satisfaits (4 ou 5 "
        "sur 5).",
        "{s} répondants sur {n} ont attribué une note de 4 ou 5.",
    ],
    "csat:stated": [
        "Le CSAT atteint {csat}.",
        "Le taux de satisfaction (CSAT) est de {csat}.",
        "CSAT = {s} / {n} = {csat}.",
    ],
    "csat:mean": [
        "La note moyenne de satisfaction (CSAT) est de {mean} sur 5.",
    ],
    "csat:table_labels": [("Note", "Nombre de réponses")],
    "csat:score": ["{k} / 5"],
    # --- E2 reporting
    "reporting:fr": [
        "Au premier semestre, le chiffre d’affaires atteint {ca_h1}, soit {ach} de "
        "l’objectif. Les ventes en agence progressent tandis que le site marchand recule. "
        "Nous proposons de renforcer la relance des devis et de revoir le budget "
        "publicitaire du site.",
        "La période se termine sur un chiffre d’affaires de {ca_h1} ({ach} de l’objectif). "
        "Les grands comptes tiennent leurs engagements ; les petites entreprises achètent "
        "moins. Deux actions correctives sont engagées : une campagne d’appels et une offre "
        "de lancement sur le site.",
    ],
    "reporting:en": [
        "In the first half, revenue reached {ca_h1_en}, i.e. {ach_en} of target. Branch sales "
        "grew while the online shop declined. We recommend faster follow-up of quotes and a "
        "review of the website advertising budget.",
        "The period closed with revenue of {ca_h1_en} ({ach_en} of target). Key accounts met "
        "their commitments, whereas small businesses bought less. Two corrective actions "
        "have been launched: a calling campaign and an introductory offer on the website.",
    ],
    "reporting:en_short": [
        "Executive summary: revenue {ca_h1_en} ({ach_en} of target); online sales behind "
        "plan; corrective actions under way.",
    ],
    # --- E2 KPI / e-commerce / pricing
    "kpi:headers": [("Indicateur", "Objectif", "Réalisé", "Taux de réalisation")],
    "kpi:ca_label": ["Chiffre d’affaires (k€)"],
    "kpi:orders_label": ["Nombre de commandes en ligne"],
    "conversion": [
        "Le site a reçu {sessions} visites pour {orders} commandes, soit un taux de "
        "conversion de {conv}.",
        "Taux de conversion = commandes / sessions = {orders} / {sessions} = {conv}.",
    ],
    "basket": [
        "Le panier moyen s’établit à {basket} ({revenue} pour {orders} commandes).",
        "Panier moyen = CA en ligne / commandes = {revenue} / {orders} = {basket}.",
    ],
    "pricing:headers": [("Désignation", "Quantité", "Prix unitaire HT", "Montant HT")],
    "pricing:lines": [("Remise", "Total HT net", "TVA 20 %", "Total TTC")],
    "pricing:item": ["Luminaire LED"],
    "pricing:prose": [
        "Le devis porte sur {qty} luminaires à {unit} HT l’unité, soit {gross} HT. Après une "
        "remise de {disc}, le total s’élève à {net} HT, {vat} de TVA et {ttc} TTC.",
    ],
}

DEV = Bank(
    name="dev",
    seed=1_000,
    companies=COMPANIES,
    elements={**E1, **E2, **E3},
    numbering=NUMBERING,
    keywords=["Partie", "Chapitre", "Axe", "Étape", "Section"],
    custom_styles=["Titre {n}", "Titre niveau {n}"],
    placeholders=["À compléter.", "(voir annexe)", "Partie en cours de rédaction."],
    toc_titles=["Sommaire", "Table des matières"],
    intro_titles=["Introduction"],
    conclusion_titles=["Conclusion", "Conclusion générale"],
    intros={
        "E1": [
            "Ce dossier présente la situation de {name}, {sector} installée à {city}, puis "
            "propose une veille, un diagnostic, des orientations, un plan d’actions et son "
            "budget.",
        ],
        "E2": [
            "Ce dossier suit la démarche commerciale de {name}, de la prospection au "
            "reporting, en passant par la proposition commerciale et le tableau de bord.",
        ],
        "E3": [
            "Ce rapport rend compte de mon stage chez {name} : analyse des clients, "
            "satisfaction, parcours client, puis management de l’équipe commerciale.",
        ],
    },
    conclusions=[
        "Ce travail m’a permis de relier la stratégie aux chiffres et de proposer des "
        "actions réalistes pour {name}.",
    ],
    covers={
        "E1": ["Dossier E1 – Étude de cas", "{name}"],
        "E2": ["Épreuve E2 – Études de cas et reporting", "{name}"],
        "E3": ["Rapport de stage – Épreuve E3", "{name}"],
    },
    phrasings=PHRASINGS,
)
