//! Shared by the integration tests: the kiosk's fonts, sample tickets in every locale, PNG
//! previews of raster output.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use hardware::printer::raster::Bitmap;
use hardware::printer::{Certificate, Fonts, LearnerCard, Ticket};

/// The locales the kiosk ships.
pub const LOCALES: [&str; 8] = ["ar", "en", "es", "fr", "pt", "sw", "uk", "zh-Hans"];

/// The kiosk's own fonts, Latin first.
pub fn fonts() -> Fonts {
    Fonts::new()
        .with(include_bytes!("../../../kiosk-core/fonts/NotoSans-Regular.ttf").as_slice())
        .with(include_bytes!("../../../kiosk-core/fonts/NotoSans-Bold.ttf").as_slice())
        .with(include_bytes!("../../../kiosk-core/fonts/NotoSansArabic-Regular.ttf").as_slice())
        .with(include_bytes!("../../../kiosk-core/fonts/NotoSansArabic-Bold.ttf").as_slice())
        .with(include_bytes!("../../../kiosk-core/fonts/NotoSansCJKsc-Regular.otf").as_slice())
}

/// A service-request ticket in `locale`, as the kiosk would fill it.
pub fn ticket(locale: &str) -> Ticket {
    let (title, service_label, service, place_label, place, reference_label, pending) = match locale
    {
        "en" => (
            "Service request",
            "Service",
            "Bulky waste collection",
            "Where",
            "Central Library",
            "Reference",
            "This request will be sent when the kiosk is online.",
        ),
        "es" => (
            "Solicitud de servicio",
            "Servicio",
            "Recogida de muebles y enseres",
            "Lugar",
            "Biblioteca Central",
            "Referencia",
            "Esta solicitud se enviará cuando el quiosco tenga conexión.",
        ),
        "fr" => (
            "Demande de service",
            "Service",
            "Collecte des encombrants",
            "Lieu",
            "Bibliothèque centrale",
            "Référence",
            "Cette demande sera envoyée dès que la borne sera en ligne.",
        ),
        "ar" => (
            "طلب خدمة",
            "الخدمة",
            "جمع النفايات الكبيرة",
            "المكان",
            "المكتبة المركزية",
            "الرقم المرجعي",
            "سيُرسل هذا الطلب عندما يتصل الكشك بالإنترنت.",
        ),
        "zh-Hans" => (
            "服务申请",
            "服务",
            "大件垃圾清运",
            "地点",
            "中央图书馆",
            "参考编号",
            "设备联网后将发送此申请。",
        ),
        "pt" => (
            "Pedido de serviço",
            "Serviço",
            "Recolha de monos",
            "Local",
            "Biblioteca Central",
            "Referência",
            "Este pedido será enviado quando o quiosque estiver online.",
        ),
        "sw" => (
            "Ombi la huduma",
            "Huduma",
            "Ukusanyaji wa taka kubwa",
            "Mahali",
            "Maktaba Kuu",
            "Nambari ya kumbukumbu",
            "Ombi hili litatumwa kioski kitakapounganishwa na mtandao.",
        ),
        "uk" => (
            "Запит на послугу",
            "Послуга",
            "Вивезення великогабаритних відходів",
            "Місце",
            "Центральна бібліотека",
            "Номер звернення",
            "Цей запит буде надіслано, коли кіоск буде в мережі.",
        ),
        other => panic!("no sample ticket for {other}"),
    };
    Ticket {
        title: title.into(),
        details: vec![
            (service_label.into(), service.into()),
            (place_label.into(), place.into()),
        ],
        reference_label: reference_label.into(),
        reference: "SR-2041-7Q".into(),
        qr: None,
        qr_caption: None,
        pending_note: Some(pending.into()),
        footer: None,
    }
}

/// Writes `image` as a 1-bit PNG (black ink on white), for people to look at.
pub fn write_png(path: &std::path::Path, image: &Bitmap) {
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = png::Encoder::new(
        std::io::BufWriter::new(file),
        image.width(),
        image.height().max(1),
    );
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    let mut writer = encoder.write_header().unwrap();
    let mut data: Vec<u8> = image.packed().iter().map(|b| !b).collect();
    if image.height() == 0 {
        data = vec![0xff; image.bytes_per_row()];
    }
    writer.write_image_data(&data).unwrap();
}

/// A learner card in `locale`.
pub fn learner_card(locale: &str) -> LearnerCard {
    let (title, code_label, note) = match locale {
        "en" => (
            "Learner card",
            "Your learner code",
            "Scan this card at any kiosk to carry on learning.",
        ),
        "es" => (
            "Tarjeta de aprendizaje",
            "Tu código",
            "Escanea esta tarjeta en cualquier quiosco para seguir aprendiendo.",
        ),
        "fr" => (
            "Carte d'apprentissage",
            "Votre code",
            "Scannez cette carte sur n'importe quelle borne pour continuer.",
        ),
        "ar" => (
            "بطاقة المتعلّم",
            "رمز المتعلّم",
            "امسح هذه البطاقة في أي كشك لمتابعة التعلّم.",
        ),
        "zh-Hans" => (
            "学员卡",
            "您的学员码",
            "在任何一台自助终端上扫描此卡即可继续学习。",
        ),
        "pt" => (
            "Cartão de aprendizagem",
            "O seu código",
            "Leia este cartão em qualquer quiosque para continuar a aprender.",
        ),
        "sw" => (
            "Kadi ya mwanafunzi",
            "Nambari yako",
            "Changanua kadi hii kwenye kioski chochote ili kuendelea kujifunza.",
        ),
        "uk" => (
            "Картка учня",
            "Ваш код учня",
            "Відскануйте цю картку в будь-якому кіоску, щоб продовжити навчання.",
        ),
        other => panic!("no sample card for {other}"),
    };
    LearnerCard {
        title: title.into(),
        code_label: code_label.into(),
        code: "K7PQM3XZR".into(),
        note: Some(note.into()),
    }
}

/// A certificate in `locale`.
pub fn certificate(locale: &str) -> Certificate {
    let (title, statement, module, code_label) = match locale {
        "en" => (
            "Certificate",
            "Well done! You completed this lesson.",
            "Using email safely",
            "Learner code",
        ),
        "es" => (
            "Certificado",
            "¡Muy bien! Has completado esta lección.",
            "Usar el correo con seguridad",
            "Código",
        ),
        "fr" => (
            "Certificat",
            "Bravo ! Vous avez terminé cette leçon.",
            "Utiliser le courriel en sécurité",
            "Code",
        ),
        "ar" => (
            "شهادة",
            "أحسنت! لقد أكملت هذا الدرس.",
            "استخدام البريد الإلكتروني بأمان",
            "رمز المتعلّم",
        ),
        "zh-Hans" => (
            "证书",
            "做得好！您已完成本课程。",
            "安全使用电子邮件",
            "学员码",
        ),
        "pt" => (
            "Certificado",
            "Muito bem! Concluiu esta lição.",
            "Usar o email em segurança",
            "Código",
        ),
        "sw" => (
            "Cheti",
            "Hongera! Umekamilisha somo hili.",
            "Kutumia barua pepe kwa usalama",
            "Nambari",
        ),
        "uk" => (
            "Сертифікат",
            "Чудово! Ви завершили цей урок.",
            "Безпечне користування поштою",
            "Код учня",
        ),
        other => panic!("no sample certificate for {other}"),
    };
    Certificate {
        title: title.into(),
        statement: statement.into(),
        module: module.into(),
        date: "2026-03-12".into(),
        code_label: code_label.into(),
        code: "K7PQM3XZR".into(),
    }
}
